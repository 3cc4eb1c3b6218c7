"""The moderators' "Send newsletter" and "Sending report" pages. Only holders of
``newsletters.send_newsletter`` (the Moderators, and superusers) open them: every view, GET or
POST, checks it first (``senders_only``) and answers others 403 (Wagtail would turn a raised
PermissionDenied into a redirect to the dashboard, which looks like success to a script)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.defaults import permission_denied

from .forms import SendForm
from .models import Delivery, NewsletterIssuePage
from .sending import STALLED_AFTER, audience, enqueue, queue_issue, still_sending

SEND_PERMISSION = "newsletters.send_newsletter"


def may_send(user):
    return user.is_active and user.has_perm(SEND_PERMISSION)


def senders_only(view):
    @wraps(view)
    def checked(request, page_id):
        if not may_send(request.user):
            return permission_denied(request, PermissionDenied())
        # The issue's English source, to which the deliveries belong, from any language.
        return view(request, get_object_or_404(NewsletterIssuePage, pk=page_id).english)

    return checked


@senders_only
@require_http_methods(["GET", "POST"])
def send(request, issue):
    languages = audience(issue)
    names = dict(settings.LANGUAGES)
    untranslated = [code for code, _count, live in languages if not live]
    form = SendForm(request.POST or None, untranslated=untranslated)
    if request.method == "POST" and issue.live and form.is_valid():
        queued = queue_issue(
            issue, form.cleaned_data["english_for"], send_at=form.cleaned_data["send_at"]
        )
        messages.success(
            request,
            ngettext("%(count)s message is queued.", "%(count)s messages are queued.", queued)
            % {"count": queued},
        )
        return redirect("newsletters_admin:report", issue.pk)
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "issue": issue,
            "form": form,
            "languages": [(names[code], count, live) for code, count, live in languages],
            "already": Delivery.objects.filter(issue=issue).count(),
        },
    )


def counts(issue):
    """{language name: {status: count}} of the issue's deliveries."""
    names = dict(settings.LANGUAGES)
    table = {}
    rows = (
        Delivery.objects.filter(issue=issue)
        .values("language", "status")
        .annotate(count=Count("pk"))
        .order_by("language", "status")
    )
    for row in rows:
        table.setdefault(names[row["language"]], {})[row["status"]] = row["count"]
    return table


@senders_only
def report(request, issue):
    statuses = Delivery.STATUS_CHOICES
    table = counts(issue)
    return TemplateResponse(
        request,
        "newsletters/admin/report.html",
        {
            "issue": issue,
            "statuses": statuses,
            "rows": [
                (language, [by_status.get(status, 0) for status, _label in statuses])
                for language, by_status in table.items()
            ],
            "unfinished": Delivery.objects.filter(
                issue=issue, status__in=[Delivery.QUEUED, Delivery.SENDING]
            ).exists(),
            "problems": Delivery.objects.filter(
                issue=issue, status__in=[Delivery.FAILED, Delivery.UNKNOWN, Delivery.RETRY]
            )
            .select_related("subscriber")
            .order_by("status", "pk")[:200],
        },
    )


@senders_only
@require_POST
def resume(request, issue):
    """After a worker stopped mid-run: go on with what is left (what it was sending at that
    moment becomes "unknown", never sent again). Refused while a worker is still at it: a
    second run would take the messages in its hands for interrupted ones."""
    if still_sending(issue.pk):
        messages.warning(
            request,
            gettext(
                "Sending is still going on: a message went out in the last %(minutes)s "
                "minutes. Resume only when nothing has moved for that long."
            )
            % {"minutes": int(STALLED_AFTER.total_seconds() // 60)},
        )
    else:
        enqueue(issue.pk)
        messages.success(request, gettext("Sending goes on in the background."))
    return redirect("newsletters_admin:report", issue.pk)
