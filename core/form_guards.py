"""What keeps spam out of the public forms (contact_forms, registrations): a honeypot field,
hidden from people, that bots fill in, and a limit of posts per visitor's address and hour
(FORM_SUBMISSIONS_PER_HOUR), shared by every public form."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .visitors import client_ip

# Hyphenated names cannot clash with a form's own fields, whose names are snake_case.
HONEYPOT_FIELD = "web-site"
CONSENT_FIELD = "privacy-consent"


def honeypot_field():
    """Hidden from people by CSS (``public-form__trap``) and from screen readers; bots fill it."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def consent_field(consent_text):
    return forms.BooleanField(
        label=consent_text,
        required=True,
        error_messages={
            "required": _("Please tick the box to agree, or we cannot keep your answers.")
        },
    )


def caught_in_honeypot(cleaned_data):
    """True for a bot: it is thanked like a person, but nothing is stored or sent."""
    return bool(cleaned_data.pop(HONEYPOT_FIELD, None))


def posts_exceeded(request):
    """Counts the public form posts from the visitor's address in the current hour; True once
    there are more than FORM_SUBMISSIONS_PER_HOUR."""
    key = f"public_forms:posts:{client_ip(request)}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    return count > settings.FORM_SUBMISSIONS_PER_HOUR
