"""Taking places, cancelling and promoting from the waiting list, and the e-mails each sends."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from core import upstream
from core.caching import new_live_state_version
from core.mail import mail_dates, queue_mail
from events.availability import availability, date_key, places_of
from events.calendars import one_date_file
from events.models import EventOccurrence, EventPage

from .models import Registration

CANCEL_SALT = "registrations.cancel"
# A cancel link works for a year; the event is long over by then.
CANCEL_LINK_MAX_AGE = 365 * 24 * 60 * 60


class SignUpRefused(Exception):
    """The places are taken (and there is no waiting list) or the sign-up has closed."""


def source_event(page):
    """The event whose sign-ups count for ``page``: its original in the default language."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    return (
        EventPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or page
    )


def same_date(start):
    """The lookup of the date starting at ``start`` (of a translation: see ``date_key``)."""
    second = date_key(start)
    return {"start__gte": second, "start__lt": second + datetime.timedelta(seconds=1)}


def places_taken(occurrence):
    taken = occurrence.registrations.confirmed().aggregate(places=Sum("participants"))["places"]
    return taken or 0


def sign_up(page, start, request, **details):
    """Sign a visitor up for the date of ``page`` (in any language) starting at ``start``:
    confirmed while places are left, else on the waiting list, else refused.

    The date's row is locked while the places are counted and taken, so two visitors racing
    for the last place are served one after the other (SQLite serialises writes anyway)."""
    event = source_event(page)
    with transaction.atomic():
        occurrence = (
            EventOccurrence.objects.select_for_update()
            .filter(page=event, **same_date(start))
            .first()
        )
        participants = details.get("participants", 1)
        state = availability(event, occurrence, lambda: places_taken(occurrence))
        if not state.can_sign_up:
            raise SignUpRefused
        if state.places_left is None or participants <= state.places_left:
            status = Registration.CONFIRMED
        elif event.waiting_list:
            status = Registration.WAITING
        else:
            raise SignUpRefused
        registration = Registration.objects.create(
            event=event,
            occurrence=occurrence,
            booked_start=occurrence and occurrence.start,
            status=status,
            **details,
        )
        mail_registration(registration, request, status)
        new_live_state_version()
    return registration


def cancel(registration, request):
    """Cancel the sign-up and give the freed places to the waiting list, first come first."""
    with transaction.atomic():
        occurrence = (
            EventOccurrence.objects.select_for_update()
            .filter(pk=registration.occurrence_id)
            .first()
        )
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.CANCELLED:
            return registration, []
        registration.status = Registration.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(registration.event, occurrence, request)
        new_live_state_version()
    return registration, promoted


ACTIVE = (Registration.CONFIRMED, Registration.WAITING)


def follow_event_changes(event):
    """Once a change to ``event`` (the original, in the default language) is published: the
    visitors signed up for a date now cancelled (or removed, or the whole event cancelled) are
    told so and their sign-ups end; those whose date has a new time are told the new time; and
    places added to a date go to its waiting list, first come first. Dates already past are
    left alone. Each is told once, however often the page is published."""
    request = upstream.request_for_page(event)
    now = timezone.now()
    with transaction.atomic():
        new_live_state_version()
        signed_up = (
            Registration.objects.select_for_update(of=("self",))
            .filter(event=event, status__in=ACTIVE, booked_start__gte=now)
            .select_related("occurrence")
        )
        for registration in signed_up:
            occurrence = registration.occurrence
            if event.is_cancelled or occurrence is None or occurrence.cancelled:
                registration.status = Registration.CANCELLED
                registration.cancelled_at = now
                registration.save(update_fields=["status", "cancelled_at"])
                mail_registration(registration, request, "date_cancelled")
            elif occurrence.start != registration.booked_start:
                mail_registration(registration, request, "date_moved")
                registration.booked_start = occurrence.start
                registration.save(update_fields=["booked_start"])
        if event.is_cancelled:
            return
        waited_for = (
            EventOccurrence.objects.filter(page=event, cancelled=False, start__gte=now)
            .filter(registrations__status=Registration.WAITING)
            .values_list("pk", flat=True)
        )
        # Locked by their ids: PostgreSQL locks no rows of a DISTINCT query.
        dates = EventOccurrence.objects.select_for_update().filter(pk__in=set(waited_for))
        for occurrence in dates.order_by("start"):
            promote_waiting(event, occurrence, request)


def event_published(sender, instance, **kwargs):
    """Wagtail's page_published: sign-ups belong to the original event, whose dates and places
    its translations copy."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        follow_event_changes(instance)


def promote_waiting(event, occurrence, request):
    """Confirm the waiting sign-ups, in the order they came, while places are free (the next
    one waits if its party does not fit, so nobody is passed over). Call under the lock."""
    if occurrence is None:
        return []
    promoted = []
    for waiting in occurrence.registrations.waiting():
        places = places_of(event, occurrence)
        left = None if places is None else places - places_taken(occurrence)
        if left is not None and waiting.participants > left:
            break
        waiting.status = Registration.CONFIRMED
        waiting.save(update_fields=["status"])
        mail_registration(waiting, request, "promoted")
        promoted.append(waiting)
    return promoted


def cancel_token(registration):
    return signing.dumps([registration.pk, registration.token], salt=CANCEL_SALT, compress=True)


def registration_of_token(token):
    """The sign-up a cancel link is for; ``signing.BadSignature`` (``SignatureExpired`` too) for
    a link that was altered or is too old, ``Registration.DoesNotExist`` for one whose sign-up
    is gone (purged)."""
    pk, secret = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    registration = Registration.objects.select_related("event", "occurrence").get(pk=pk)
    if not signing.constant_time_compare(secret, registration.token):
        raise signing.BadSignature("Not this sign-up's link")
    return registration


def page_in_language(event, language):
    """The event as a visitor of ``language`` reads it (the original where not translated)."""
    locale = Locale.objects.filter(language_code=language).first()
    page = event.get_translation_or_none(locale) if locale else None
    return page if page is not None and page.live else event


def cancel_url(registration, base_url):
    with translation.override(registration.language):
        path = reverse("registrations:cancel", args=[cancel_token(registration)])
    return base_url.rstrip("/") + path


def mail_context(registration, base_url):
    page = page_in_language(registration.event, registration.language)
    occurrence = registration.occurrence
    return {
        "name": registration.name,
        "event": page.title,
        "event_url": base_url.rstrip("/") + (page.url or ""),
        "venue": page.local_venue.name if page.local_venue else page.online_url,
        "participants": registration.participants,
        "cancel_url": cancel_url(registration, base_url),
        "all_day": bool(occurrence and occurrence.all_day),
        # The date they signed up for, where it is gone or moved (date_cancelled, date_moved).
        "dates": mail_dates(
            start=occurrence and occurrence.start, booked=registration.booked_start
        ),
    }, page


def mail_registration(registration, request, kind):
    """Queue the mail of ``kind`` (confirmed, waiting, promoted, date_moved, date_cancelled)
    to the visitor, in their language, with the date as a calendar file when they have a
    place on it."""
    base_url = request.build_absolute_uri("/")
    context, page = mail_context(registration, base_url)
    attachments = []
    has_place = registration.status == Registration.CONFIRMED and registration.occurrence
    if has_place and kind in ("confirmed", "promoted", "date_moved"):
        with translation.override(registration.language):
            occurrence = (
                EventOccurrence.objects.filter(
                    page=page, **same_date(registration.occurrence.start)
                )
                .select_related("page__venue")
                .first()
            )
            ics = one_date_file(request, occurrence or registration.occurrence, page.title)
        attachments.append((f"{page.slug}.ics", ics.decode(), "text/calendar"))
    context["attached"] = bool(attachments)
    # A date may move more than once: each new time is told once.
    told = f":{registration.occurrence.start:%Y%m%dT%H%M}" if kind == "date_moved" else ""
    queue_mail(
        f"registrations/mail/{kind}",
        registration.email,
        registration.language,
        context,
        attachments,
        key=f"registration:{registration.pk}:{kind}{told}",
    )


def remind(registration, base_url):
    context, _page = mail_context(registration, base_url)
    queue_mail(
        "registrations/mail/reminder",
        registration.email,
        registration.language,
        context,
        key=f"registration:{registration.pk}:reminder",
    )
