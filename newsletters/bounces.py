"""What a refusal or a complaint does to a subscriber, from the mail server's answer while
sending or from the provider's notification (``webhook``): a hard bounce or a complaint stops
every later send; soft bounces do so after SOFT_BOUNCES_ALLOWED in a row."""

from django.db.models import F
from django.utils import timezone

from subscribers.models import Subscriber

SOFT_BOUNCES_ALLOWED = 3


def hard_bounce(subscribers):
    subscribers.filter(status__in=[Subscriber.SUBSCRIBED, Subscriber.PENDING]).update(
        status=Subscriber.BOUNCED, left_at=timezone.now()
    )


def complaint(subscribers):
    subscribers.exclude(status=Subscriber.COMPLAINED).update(
        status=Subscriber.COMPLAINED, left_at=timezone.now()
    )


def soft_bounce(subscribers):
    """Count one more soft bounce; True for those that became bounced by it."""
    subscribers.update(bounces=F("bounces") + 1)
    hard_bounce(subscribers.filter(bounces__gte=SOFT_BOUNCES_ALLOWED))
    return subscribers.filter(status=Subscriber.BOUNCED).exists()


def delivered(subscriber):
    if subscriber.bounces:
        Subscriber.objects.filter(pk=subscriber.pk).update(bounces=0)
