"""Signed links that let a subscriber confirm, change their preferences or leave without an
account. A link carries the subscriber's id and secret, signed with the site's key and a salt per
purpose, so a link for one purpose opens nothing else; a new secret voids every earlier link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscriber

CONFIRM, PREFERENCES, UNSUBSCRIBE = "confirm", "preferences", "unsubscribe"
# Confirmation links expire; preference and leaving links work as long as the secret holds
# (a newsletter read a year later must still let its reader leave).
CONFIRM_MAX_AGE = 7 * 24 * 3600


def token(subscriber, purpose):
    return signing.dumps(
        [subscriber.pk, subscriber.secret], salt=f"subscribers.{purpose}", compress=True
    )


def subscriber_of_token(value, purpose):
    """The subscriber a link is for. ``signing.BadSignature`` (``SignatureExpired`` too) for a
    link that was altered, expired or is for another purpose, ``Subscriber.DoesNotExist`` for
    one whose subscriber was erased or whose secret changed."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    pk, secret = signing.loads(value, salt=f"subscribers.{purpose}", max_age=max_age)
    subscriber = Subscriber.objects.get(pk=pk)
    if not signing.constant_time_compare(secret, subscriber.secret):
        raise Subscriber.DoesNotExist("Not this subscriber's link")
    return subscriber


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link(subscriber, purpose, language=None):
    """The absolute address of ``purpose``'s page for ``subscriber``, in their language."""
    with translation.override(language or subscriber.language):
        return absolute_url(reverse(f"subscribers:{purpose}", args=[token(subscriber, purpose)]))


def one_click_unsubscribe_url(subscriber, language=None):
    """For the ``List-Unsubscribe`` header and the newsletter's footer alike: answers a POST of
    ``List-Unsubscribe=One-Click`` (RFC 8058) without a page, and a GET with a page that asks
    to confirm."""
    return link(subscriber, UNSUBSCRIBE, language)
