"""The visitor's side: the subscribe page (and the footer's form, which leads to it), and the
pages of the signed links: confirm, preferences, unsubscribe (with RFC 8058's one-click)."""

import logging
from functools import wraps

from django.core import signing
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.form_guards import (
    CONSENT_FIELD,
    caught_in_honeypot,
    limit_reached,
    limited_response,
    record_accepted_post,
)

from . import links, services
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber

logger = logging.getLogger(__name__)

FORM_KEY = "subscribers:subscribe"


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET: the form, filled in from the footer's (which cannot carry a CSRF token: the footer
    is part of every page, kept for all visitors). POST: always the same answer, whether the
    address was new, waiting or already subscribed, so the form tells nobody who is listed."""
    template = "subscribers/subscribe.html"
    if request.method == "GET":
        initial = {"email": request.GET.get("email", ""), "areas": request.GET.getlist("areas")}
        return TemplateResponse(request, template, {"form": SubscribeForm(initial=initial)})
    form = SubscribeForm(request.POST)
    context = {"form": form}
    retry_at = limit_reached(request, FORM_KEY)
    if retry_at:
        return limited_response(request, template, context, retry_at)
    if not form.is_valid():
        return TemplateResponse(request, template, context, status=400)
    record_accepted_post(request, FORM_KEY)
    if not caught_in_honeypot(form.cleaned_data):
        subscriber = services.ask_to_subscribe(
            form.cleaned_data["email"],
            get_language(),
            form.cleaned_data["areas"],
            consent_text=form.fields[CONSENT_FIELD].label,
            source=request.build_absolute_uri(request.path),
        )
        # No address in the logs: the row's number says which it was.
        logger.info("Newsletter subscription asked for subscriber %s", subscriber.pk)
    return TemplateResponse(request, "subscribers/check_inbox.html", {})


def with_subscriber(purpose):
    """The view gets the subscriber of the link's token; a link that was altered, has expired,
    is for another purpose or whose subscriber is gone answers a page saying so (4xx)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, token):
            try:
                subscriber = links.subscriber_of_token(token, purpose)
            except signing.SignatureExpired:
                return invalid_link(request, status=410, expired=True)
            except (signing.BadSignature, ValueError, TypeError):
                return invalid_link(request, status=400)
            except Subscriber.DoesNotExist:
                return invalid_link(request, status=404, gone=True)
            return view(request, subscriber, token)

        return wrapped

    return decorator


def invalid_link(request, status, **context):
    return TemplateResponse(request, "subscribers/invalid_link.html", context, status=status)


@require_http_methods(["GET", "POST"])
@with_subscriber(links.CONFIRM)
def confirm(request, subscriber, token):
    """GET asks (mail scanners open links), POST confirms."""
    context = {"subscriber": subscriber}
    if request.method == "POST" and services.confirm(subscriber):
        subscriber.refresh_from_db()
        context["just_confirmed"] = True
        logger.info("Newsletter subscriber %s confirmed", subscriber.pk)
    if subscriber.status == Subscriber.SUBSCRIBED:
        context["preferences_url"] = links.link(subscriber, links.PREFERENCES, get_language())
    return TemplateResponse(request, "subscribers/confirm.html", context)


@require_http_methods(["GET", "POST"])
@with_subscriber(links.PREFERENCES)
def preferences(request, subscriber, token):
    subscribed = subscriber.status == Subscriber.SUBSCRIBED
    initial = {
        "language": subscriber.language,
        "areas": list(subscriber.areas.values_list("slug", flat=True)),
    }
    form = PreferencesForm(request.POST or None, initial=initial, auto_id="preferences-%s")
    context = {
        "subscriber": subscriber,
        "subscribed": subscribed,
        "form": form,
        "unsubscribe_url": links.link(subscriber, links.UNSUBSCRIBE, get_language()),
    }
    status = 200
    if request.method == "POST" and subscribed:
        if form.is_valid():
            services.set_preferences(
                subscriber, form.cleaned_data["language"], form.cleaned_data["areas"]
            )
            context["saved"] = True
        else:
            status = 400
    return TemplateResponse(request, "subscribers/preferences.html", context, status=status)


def is_one_click(request):
    return request.POST.get("List-Unsubscribe") == "One-Click"


# No CSRF token can come with RFC 8058's one-click POST, which the mail program sends. The token
# in the URL, which only the recipient has, is what makes the request theirs; the view can do
# nothing but unsubscribe its subscriber.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@with_subscriber(links.UNSUBSCRIBE)
def unsubscribe(request, subscriber, token):
    """GET asks (mail scanners open links); POST, from the page or one-click, leaves."""
    if request.method == "POST":
        left = services.unsubscribe(subscriber)
        if left:
            logger.info("Newsletter subscriber %s unsubscribed", subscriber.pk)
        if is_one_click(request):
            return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
        subscriber.refresh_from_db()
        return TemplateResponse(
            request,
            "subscribers/unsubscribe.html",
            {"subscriber": subscriber, "just_left": left},
        )
    return TemplateResponse(request, "subscribers/unsubscribe.html", {"subscriber": subscriber})
