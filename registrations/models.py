"""Sign-ups for events: who, for which date, in which language, confirmed or waiting.

A sign-up belongs to the English event (the source of its translations) and to one of its
dates, so visitors of every language take places from the same count. Places are taken under a
lock on the date's row (``services.sign_up``), so two visitors can never both get the last one.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from events.availability import date_key
from events.models import EventOccurrence, EventPage


def new_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.WAITING).order_by("created", "pk")

    def counts(self):
        """Sign-ups by status: {"confirmed": n, "waiting": n, "cancelled": n}."""
        return self.aggregate(
            **{
                status: Count("pk", filter=Q(status=status))
                for status, _label in Registration.STATUS_CHOICES
            }
        )


class Registration(models.Model):
    CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"
    STATUS_CHOICES = [
        (CONFIRMED, _("Confirmed")),
        (WAITING, _("On the waiting list")),
        (CANCELLED, _("Cancelled")),
    ]

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    occurrence = models.ForeignKey(
        EventOccurrence,
        verbose_name=_("date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    # The optional questions' answers by their codes (events.models.REGISTRATION_QUESTIONS).
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES)
    # What the visitor agreed to, word for word in their language, as it read then.
    consent_text = models.TextField(_("consent"))
    created = models.DateTimeField(_("signed up"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    # Part of the signed cancel link: a link stays valid only for the sign-up it was made for.
    token = models.CharField(max_length=64, default=new_token, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The date's start as the visitor was last told it: a new time published for the date is
    # told to them once (services.follow_event_changes).
    booked_start = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


def places_taken_by_event(events):
    """For ``events`` in any language: {event id: {date's start: confirmed places}}, in one
    query (the provider of ``events.availability``)."""
    keys = {event.translation_key: event.pk for event in events}
    rows = (
        Registration.objects.confirmed()
        .filter(event__translation_key__in=keys)
        .values("event__translation_key", "occurrence__start")
        .annotate(places=Sum("participants"))
    )
    taken = {}
    for row in rows:
        for event in events:
            if event.translation_key == row["event__translation_key"]:
                dates = taken.setdefault(event.pk, {})
                if row["occurrence__start"] is not None:
                    key = date_key(row["occurrence__start"])
                    dates[key] = dates.get(key, 0) + row["places"]
    return taken
