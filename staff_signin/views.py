from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as verify_session

from . import passkeys, second_factor
from .forms import ConfirmCodeForm, PasswordForm, SetUpForm, StaffLoginForm


@never_cache
def second_factor_settings(request):
    """The account's two-step sign-in: set up the app or a passkey, get new recovery codes,
    remove a passkey, or turn it off. Changing it asks for a current code (or, for a passkey
    and the first recovery codes of an account with only passkeys, a sign-in in the last few
    minutes), so a borrowed session cannot take it over."""
    user = request.user
    if not second_factor.has_second_factor(user):
        return _set_up(request, user)
    action = request.POST.get("action")
    fresh = passkeys.recently_verified(request)
    only_passkeys = not second_factor.has_authenticator_app(user)
    codes_left = second_factor.recovery_codes_left(user)
    form = ConfirmCodeForm(request.POST or None)
    if request.method == "POST" and fresh and action in ("remove-passkey", "new-codes"):
        # No code needed: for a passkey just after signing in, for the first recovery codes of an
        # account that has only passkeys (there is no code to type yet).
        if action == "remove-passkey" or (only_passkeys and codes_left == 0):
            return _change(request, user, action)
    if request.method == "POST" and form.is_valid():
        if second_factor.match_code(user, form.cleaned_data["code"]) is None:
            form.add_error("code", _("That code is not right or has expired."))
        else:
            response = _change(request, user, action)
            if response is not None:
                return response
    return _page(
        request,
        "staff_signin/second_factor_on.html",
        {
            "form": form,
            "codes_left": codes_left,
            "required": second_factor.required_for(user),
            "has_app": not only_passkeys,
            "passkeys": list(passkeys.passkeys_of(user)),
            "fresh": fresh,
        },
        status=400 if form.errors else 200,
    )


def _change(request, user, action):
    """Carries out an authorised change; None when the action is not one of them."""
    if action == "turn-off" and not second_factor.required_for(user):
        second_factor.turn_off(user)
        messages.success(request, _("Two-step sign-in is off for your account."))
        return redirect("second_factor")
    if action == "new-codes":
        return _show_recovery_codes(request, second_factor.new_recovery_codes(user))
    if action == "remove-passkey":
        passkey = passkeys.passkeys_of(user).filter(pk=request.POST.get("passkey")).first()
        if passkey is None:
            return redirect("second_factor")
        others = second_factor.has_authenticator_app(user) or (
            passkeys.passkeys_of(user).exclude(pk=passkey.pk).exists()
        )
        if not others and second_factor.required_for(user):
            messages.error(
                request,
                _(
                    "Your account can publish, so it needs a second factor: add another passkey "
                    "or an authenticator app before removing this one."
                ),
            )
            return redirect("second_factor")
        passkey.delete()
        if not others:
            # Recovery codes alone are not a second factor.
            second_factor.turn_off(user)
        messages.success(request, _("The passkey is removed."))
        return redirect("second_factor")
    return None


def _set_up(request, user):
    device = second_factor.authenticator_being_set_up(user)
    if request.GET.get("method") == "passkey" or request.POST.get("action") == "passkey":
        return _set_up_passkey(request, user)
    form = SetUpForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_authenticator(device, form.cleaned_data["code"])
        if codes is not None:
            verify_session(request, device)
            passkeys.mark_verified_now(request)
            messages.success(request, _("Two-step sign-in is on for your account."))
            return _show_recovery_codes(request, codes)
        form.add_error(
            "code",
            _(
                "That code is not right. Check that the app was set up with the code on this "
                "page and that your phone's clock is right, then enter the code it shows now."
            ),
        )
    secret = b32encode(device.bin_key).decode()
    return _page(
        request,
        "staff_signin/second_factor_set_up.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_inline(
                scale=5, title=_("QR code for your authenticator app")
            ),
            "app_link": device.config_url,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": second_factor.required_for(user),
        },
        status=400 if form.errors else 200,
    )


def _set_up_passkey(request, user):
    """A first passkey: the password again, then the browser's passkey dialogue (the package's
    script, which calls passkeys.urls)."""
    form = PasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        passkeys.mark_password_confirmed(request)
    return _page(
        request,
        "staff_signin/passkey_set_up.html",
        {
            "form": form,
            "password_confirmed": passkeys.password_recently_confirmed(request),
            "required": second_factor.required_for(user),
        },
        status=400 if form.errors else 200,
    )


def _show_recovery_codes(request, codes):
    return _page(
        request,
        "staff_signin/recovery_codes.html",
        {"codes": [second_factor.readable(code) for code in codes]},
    )


def _page(request, template, context, status=200):
    return TemplateResponse(
        request,
        template,
        {
            "page_title": _("Two-step sign-in"),
            "header_title": _("Two-step sign-in"),
            "header_icon": "key",
            **context,
        },
        status=status,
    )


class MembersSignInView(LoginView):
    """The sign-in of private pages (Wagtail's ``wagtailcore_login``), with the admin's form:
    an account with two-step sign-in needs its code here too, and an address trying many
    accounts is held back here as at the admin's door."""

    template_name = settings.WAGTAIL_FRONTEND_LOGIN_TEMPLATE
    authentication_form = StaffLoginForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["otp_code"].widget.attrs["aria-describedby"] = "id_otp_code-help"
        # The passkey button is on the admin's sign-in page only, which brings them back here.
        admin_sign_in = reverse("wagtailadmin_login")
        if next_url := self.get_redirect_url():
            admin_sign_in += "?" + urlencode({"next": next_url})
        form.error_messages = {
            **form.error_messages,
            "passkey_only": format_html(
                _(
                    "This account signs in with a passkey: use it on the "
                    '<a href="{url}">admin\'s sign-in page</a>, which brings you back here.'
                ),
                url=admin_sign_in,
            ),
        }
        return form
