"""Two-step sign-in for staff, on django-otp: a code from an authenticator app (TOTP),
passkeys (django-otp-webauthn, ``passkeys.py``) and single-use recovery codes for a lost phone.
Any confirmed device of these counts as the account's second factor.

Moderators and administrators must have it (they publish); editors and translators may turn it
on. Wagtail's own sign-in view stays in place: only its form asks for the code
(``WAGTAILADMIN_USER_LOGIN_FORM``), and ``SecondFactorGate`` keeps every other way in (the
visitors' sign-in, a session from before enrolment) out of the admin.
"""

import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODE_COUNT = 10


def required_for(user):
    """Whether this account may use the admin only with a second factor."""
    if not settings.SECOND_FACTOR_REQUIRED:
        return False
    if user.is_superuser:
        return True
    required = set(settings.SECOND_FACTOR_REQUIRED_GROUPS)
    return user.groups.filter(name__in=required).exists()


def has_second_factor(user):
    return any(devices_for_user(user, confirmed=True))


def normalised(code):
    """Codes as people type them: with spaces or a dash in the middle, in either case."""
    return "".join(code.split()).replace("-", "").lower()


def devices_for_code(user, code):
    """Digits are the app's codes, letters recovery codes: a mistyped recovery code does not
    hold back the app's codes, nor the other way round."""
    kind = TOTPDevice if code.isdigit() else StaticDevice
    return [device for device in devices_for_user(user, confirmed=True) if isinstance(device, kind)]


def match_code(user, code):
    """The device the code belongs to, or None; each code signs in once."""
    code = normalised(code)
    if not code:
        return None
    return next(
        (device for device in devices_for_code(user, code) if device.verify_token(code)), None
    )


def seconds_to_wait(user, code):
    """How long django-otp holds back codes of this kind after wrong ones (it doubles each
    time)."""
    now = timezone.now()
    waits = [0]
    for device in devices_for_code(user, normalised(code)):
        allowed, details = device.verify_is_allowed()
        if not allowed and details.get("locked_until"):
            waits.append(math.ceil((details["locked_until"] - now).total_seconds()))
    return max(waits)


def authenticator_being_set_up(user):
    """The unconfirmed app device of the enrolment in progress, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_authenticator(device, code):
    """Turns the app on once it shows the right code; returns the new recovery codes."""
    if not device.verify_token(normalised(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replaces the user's recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()


def has_only_passkeys(user):
    """A passkey and no code to type: neither the app nor unused recovery codes."""
    return (
        WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
        and not has_authenticator_app(user)
        and not recovery_codes_left(user)
    )


def has_authenticator_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def readable(code):
    """A recovery code in two halves, easier to copy by hand."""
    return f"{code[:4]}-{code[4:]}"
