"""The newsletter's subscribers.

One row per address (stored lower-cased). A subscriber exists from the moment someone asks to
subscribe, but receives nothing until they confirm from the e-mail (double opt-in); leaving,
a hard bounce or a complaint stop every later send, and the row is kept so that an import
cannot bring the address back unasked. Erasing a subscriber at their request deletes the row and
keeps only a keyed hash of the address (``ErasedAddress``), for the same reason."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Area


def new_secret():
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Those a newsletter is sent to: confirmed, and not left, bounced or complained."""
        return self.filter(status=Subscriber.SUBSCRIBED)


class Subscriber(models.Model):
    PENDING, SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED = (
        "pending",
        "subscribed",
        "unsubscribed",
        "bounced",
        "complained",
    )
    STATUS_CHOICES = [
        (PENDING, _("Waiting for confirmation")),
        (SUBSCRIBED, _("Subscribed")),
        (UNSUBSCRIBED, _("Unsubscribed")),
        (BOUNCED, _("Address does not exist (hard bounce)")),
        (COMPLAINED, _("Marked the newsletter as spam")),
    ]

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas of interest"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("None chosen: everything."),
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PENDING)
    consent_text = models.TextField(
        _("consent given"), blank=True, help_text=_("The text the subscriber agreed to.")
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        help_text=_("Where the address came from: the site's form or an imported list."),
    )
    # The secret behind the subscriber's signed links; a new one voids every link sent before.
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created = models.DateTimeField(_("asked to subscribe"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    bounces = models.PositiveIntegerField(_("soft bounces in a row"), default=0)
    # When the form last mailed the address (services.ask_to_subscribe): asking again soon after
    # mails nothing, so the form cannot be used to flood someone's inbox.
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "language"])]
        permissions = [("import_subscribers", _("Can import a list of subscribers"))]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class ErasedAddress(models.Model):
    """An address erased at its owner's request, as a keyed hash (SECRET_KEY): an import can
    recognise it without the address being kept. Subscribing again through the site (and
    confirming) removes it."""

    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("erased address")
        verbose_name_plural = _("erased addresses")

    def __str__(self):
        return self.digest[:12]
