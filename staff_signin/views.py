from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as verify_session

from . import second_factor
from .forms import ConfirmCodeForm, SetUpForm, StaffLoginForm


@never_cache
def second_factor_settings(request):
    """The account's two-step sign-in: set up the app, get new recovery codes, or turn it off.
    Changing it asks for a current code, so a borrowed session cannot take it over."""
    user = request.user
    if not second_factor.has_second_factor(user):
        return _set_up(request, user)
    form = ConfirmCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.match_code(user, form.cleaned_data["code"]) is None:
            form.add_error("code", _("That code is not right or has expired."))
        elif request.POST.get("action") == "turn-off" and not second_factor.required_for(user):
            second_factor.turn_off(user)
            messages.success(request, _("Two-step sign-in is off for your account."))
            return redirect("second_factor")
        elif request.POST.get("action") == "new-codes":
            return _show_recovery_codes(request, second_factor.new_recovery_codes(user))
    return _page(
        request,
        "staff_signin/second_factor_on.html",
        {
            "form": form,
            "codes_left": second_factor.recovery_codes_left(user),
            "required": second_factor.required_for(user),
        },
        status=400 if form.errors else 200,
    )


def _set_up(request, user):
    device = second_factor.authenticator_being_set_up(user)
    form = SetUpForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_authenticator(device, form.cleaned_data["code"])
        if codes is not None:
            verify_session(request, device)
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
        return form
