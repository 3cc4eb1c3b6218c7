"""The visitor's side: the sign-up form on the event page, its post, and the cancel link."""

import logging

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core.form_guards import (
    caught_in_honeypot,
    limit_reached,
    limited_response,
    record_accepted_post,
)
from events.availability import availability, places_taken
from events.models import EventPage

from . import services
from .forms import SignUpForm
from .models import Registration

logger = logging.getLogger(__name__)


def open_dates(page):
    """The next dates of ``page`` (as many as its page lists: a weekly club has hundreds), each
    with the state of its sign-up."""
    return [
        (occurrence, availability(page, occurrence, lambda o=occurrence: places_taken(page, o)))
        for occurrence in page.upcoming_occurrences[: page.LISTED_DATES]
    ]


def sign_up_section(page, request, form=None):
    """The context of the sign-up part of an event page (core.page_extras); None without one."""
    if not page.registration_open or page.is_cancelled:
        return None
    dates = open_dates(page)
    bookable = [occurrence for occurrence, state in dates if state.can_sign_up]
    return {
        "dates": dates,
        "form": form
        or (
            SignUpForm(page=page, occurrences=bookable, auto_id="sign-up-%s") if bookable else None
        ),
    }


@require_http_methods(["POST"])
def sign_up(request, page_id):
    page = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    if not page.registration_open:
        raise Http404("No sign-up for this event")
    section = sign_up_section(page, request) or {"dates": [], "form": None}
    context = {"page": page, **section}
    bookable = [occurrence for occurrence, state in section["dates"] if state.can_sign_up]
    if not bookable:
        return TemplateResponse(request, "registrations/sign_up.html", context, status=409)
    form = SignUpForm(request.POST, page=page, occurrences=bookable, auto_id="sign-up-%s")
    context["form"] = form
    # One limit for the event in every language: its translations share the translation key.
    form_key = f"registrations:{page.translation_key}"
    retry_at = limit_reached(request, form_key)
    if retry_at:
        return limited_response(request, "registrations/sign_up.html", context, retry_at)
    if not form.is_valid():
        return TemplateResponse(request, "registrations/sign_up.html", context, status=400)
    if caught_in_honeypot(form.cleaned_data):
        record_accepted_post(request, form_key)
        return TemplateResponse(request, "registrations/signed_up.html", {"page": page})
    try:
        registration = services.sign_up(
            page,
            form.chosen_occurrence().start,
            request,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language(),
            participants=form.cleaned_data.get("participants") or 1,
            answers=form.answers(),
            consent_text=form.fields["privacy-consent"].label,
        )
    except services.SignUpRefused:
        context["refused"] = True
        return TemplateResponse(request, "registrations/sign_up.html", context, status=409)
    record_accepted_post(request, form_key)
    # No name or address in the logs: the sign-up's number says which it was.
    logger.info("Sign-up %s for event %s: %s", registration.pk, page.pk, registration.status)
    return TemplateResponse(
        request, "registrations/signed_up.html", {"page": page, "registration": registration}
    )


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """GET asks to confirm (mail scanners open links), POST cancels."""
    try:
        registration = services.registration_of_token(token)
    except signing.SignatureExpired:
        return TemplateResponse(
            request, "registrations/cancel_invalid.html", {"expired": True}, status=410
        )
    except (signing.BadSignature, ValueError, TypeError):
        return TemplateResponse(request, "registrations/cancel_invalid.html", {}, status=400)
    except Registration.DoesNotExist:
        return TemplateResponse(
            request, "registrations/cancel_invalid.html", {"gone": True}, status=410
        )
    page = services.page_in_language(registration.event, get_language())
    context = {"registration": registration, "page": page, "token": token}
    if request.method == "POST" and registration.status != Registration.CANCELLED:
        registration, _promoted = services.cancel(registration, request)
        context["registration"] = registration
        context["just_cancelled"] = True
    return TemplateResponse(request, "registrations/cancel.html", context)
