"""What keeps spam out of the public forms (contact_forms, registrations): a honeypot field,
hidden from people, that bots fill in, and a limit of accepted posts per form, visitor's address
and hour (FORM_SUBMISSIONS_PER_HOUR), counted in the database (``AcceptedFormPost``) so that
every process shares it and it holds without Redis (issue 25)."""

import datetime

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import AcceptedFormPost
from .visitors import client_ip

LIMIT_PERIOD = datetime.timedelta(hours=1)
DIGEST_SALT = "core.form_guards.address"

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


def address_digest(request):
    """The visitor's address as a keyed hash (SECRET_KEY): posts from one address can be counted
    without keeping the address itself."""
    return salted_hmac(DIGEST_SALT, client_ip(request)).hexdigest()


def limit_reached(request, form_key):
    """When the visitor may send the form ``form_key`` again, if FORM_SUBMISSIONS_PER_HOUR of
    their posts were accepted by it in the last hour; None while they may send it.

    Only accepted posts count, so a visitor correcting a mistake is not held up; the limit is
    per form, so a library's visitors can still sign up for an event after using the contact
    form. Two posts at the same moment may both pass: the limit is against floods, not exact."""
    recent = AcceptedFormPost.objects.filter(
        form_key=form_key,
        address_digest=address_digest(request),
        created__gte=timezone.now() - LIMIT_PERIOD,
    ).order_by("-created")
    allowance = max(settings.FORM_SUBMISSIONS_PER_HOUR, 1)  # 0 would stop every form
    oldest_counted = recent.values_list("created", flat=True)[allowance - 1 : allowance].first()
    return oldest_counted + LIMIT_PERIOD if oldest_counted else None


def record_accepted_post(request, form_key):
    """Count a post the form ``form_key`` accepted (a bot's caught in the honeypot as well, so
    that bots are limited too)."""
    AcceptedFormPost.objects.create(form_key=form_key, address_digest=address_digest(request))


def limited_response(request, template, context, retry_at):
    """The 429 page of a form whose limit is reached: ``context["form"]`` is bound to the post,
    so the visitor's answers stay typed in, and the page says from when they may send again."""
    response = TemplateResponse(
        request, template, {**context, "rate_limited": retry_at}, status=429
    )
    response["Retry-After"] = max(1, int((retry_at - timezone.now()).total_seconds()))
    return response


def forget_old_posts():
    """Delete the posts older than the limit's hour (they no longer count); run by the purge
    commands."""
    deleted, _by_model = AcceptedFormPost.objects.filter(
        created__lt=timezone.now() - LIMIT_PERIOD
    ).delete()
    return deleted
