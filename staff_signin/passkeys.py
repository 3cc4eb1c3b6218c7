"""Passkeys (django-otp-webauthn) as one more second factor, with this site's rules.

The package's four ceremony views are mounted here (``urls``) with three changes:

- Adding the first passkey to an account without a second factor needs the password typed
  again on the set-up page a few minutes before, as setting up the app does, so that someone at
  an unattended computer cannot tie the account to their own passkey. (The package already
  refuses a new passkey to a session that has not passed the second step of an account that has
  one.)
- A passkey does not open an account that django-axes holds back at this address: the lockout
  applies to every way in.
- A passkey sign-in leads to the admin, and the session counts as freshly verified (see
  ``recently_verified``).
"""

import time
from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.users.models import UserProfile

from . import second_factor

# Seconds during which the password typed on the set-up page lets a first passkey be added, and
# a sign-in or enrolment counts as fresh enough to remove a passkey without a code.
FRESH_SECONDS = 5 * 60
SET_UP_CONFIRMED_AT = "staff_signin_set_up_confirmed_at"
VERIFIED_AT = "staff_signin_verified_at"


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def _recent(request, key):
    return time.time() - request.session.get(key, 0) < FRESH_SECONDS


def password_recently_confirmed(request):
    return _recent(request, SET_UP_CONFIRMED_AT)


def mark_password_confirmed(request):
    request.session[SET_UP_CONFIRMED_AT] = time.time()


def recently_verified(request):
    """Whether this session passed the second step in the last few minutes."""
    return request.user.is_verified() and _recent(request, VERIFIED_AT)


def mark_verified_now(request):
    request.session[VERIFIED_AT] = time.time()


class PasswordNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "password_needed"
    default_detail = _(
        "Enter your password on the two-step sign-in page again, then add the passkey."
    )


class AccountLockedOut(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "locked_out"
    default_detail = _(
        "Too many failed sign-in attempts for this account from your network. Try again later."
    )


class FirstPasskeyNeedsPassword:
    def check_can_register(self):
        super().check_can_register()
        user = self.request.user
        if not second_factor.has_second_factor(user) and not password_recently_confirmed(
            self.request
        ):
            raise PasswordNeeded()


class BeginRegistration(FirstPasskeyNeedsPassword, webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(
    FirstPasskeyNeedsPassword, webauthn_views.CompleteCredentialRegistrationView
):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            self.request.session.pop(SET_UP_CONFIRMED_AT, None)
            mark_verified_now(self.request)
        return response


class BeginAuthentication(webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    def check_device_usable(self, device):
        super().check_device_usable(device)
        if AxesProxyHandler.is_locked(self.request, {"username": device.user.get_username()}):
            raise AccountLockedOut()

    def complete_auth(self, device):
        super().complete_auth(device)
        mark_verified_now(self.request)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


def in_admin_language(view):
    """The answers (error messages, the script's strings) in the language the person chose for
    the admin, as the admin's own pages are; before sign-in, the browser's."""

    @wraps(view)
    def localised(request, *args, **kwargs):
        if request.user.is_authenticated:
            with override(UserProfile.get_for_user(request.user).get_preferred_language()):
                return view(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return localised


app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registration/begin/",
        in_admin_language(BeginRegistration.as_view()),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        in_admin_language(CompleteRegistration.as_view()),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        in_admin_language(BeginAuthentication.as_view()),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        in_admin_language(CompleteAuthentication.as_view()),
        name="credential-authentication-complete",
    ),
    # The package's script strings; Finnish and Russian come from locale_vendor/ (LOCALE_PATHS,
    # which Django's script catalogue always includes).
    path(
        "jsi18n/",
        in_admin_language(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])),
        name="js-i18n-catalog",
    ),
]
