from django import forms
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from . import lockout, second_factor


def code_field(**kwargs):
    return forms.CharField(
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "size": 12}
        ),
        **kwargs,
    )


class StaffLoginForm(LoginForm):
    """Wagtail's sign-in form with the second step's code: a password alone does not open an
    account that has two-step sign-in."""

    otp_code = code_field(
        required=False,
        label=_("Code from your authenticator app"),
        help_text=_(
            "If you have turned on two-step sign-in: the 6 digits your app shows now, or one of "
            "your recovery codes. Otherwise leave it empty."
        ),
    )

    error_messages = {
        **LoginForm.error_messages,
        "code_missing": _(
            "This account uses two-step sign-in: enter the code from your authenticator app "
            "(or a recovery code) as well."
        ),
        "passkey_only": _(
            "This account signs in with a passkey: use the button “Sign in with a passkey” below."
        ),
        "code_wrong": _(
            "That code is not right or has expired. Enter the code your app shows now, or a "
            "recovery code you have not used."
        ),
    }

    def clean(self):
        code = self.cleaned_data.get("otp_code", "")
        # Someone is guessing passwords from this address: only a right password with a right
        # second factor gets through until it calms down, so a colleague behind the same
        # address can still sign in. Every other outcome gets the same answer, so the guesser
        # learns nothing, and the code is checked only after the password, so a stranger cannot
        # wear down someone's codes.
        throttled = self.request is not None and lockout.network_throttled(self.request)
        try:
            super().clean()
        except forms.ValidationError:
            if throttled:
                self._refuse_network()
            raise
        user = self.user_cache
        if user is None:  # a field was left empty: the form already says which
            return self.cleaned_data
        if not second_factor.has_second_factor(user):
            if throttled:
                self._refuse_network()
            return self.cleaned_data
        if not code and not throttled:
            if second_factor.has_only_passkeys(user):
                raise forms.ValidationError(
                    self.error_messages["passkey_only"], code="passkey_only"
                )
            raise forms.ValidationError(self.error_messages["code_missing"], code="code_missing")
        wait = second_factor.seconds_to_wait(user, code)
        device = None if wait else second_factor.match_code(user, code)
        if device is None:
            # Counts towards the lockout like a wrong password, so codes cannot be guessed.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            if throttled:
                self._refuse_network()
            if wait:
                raise forms.ValidationError(
                    ngettext(
                        "Several wrong codes in a row: wait %(seconds)s second, then enter the "
                        "code your app shows.",
                        "Several wrong codes in a row: wait %(seconds)s seconds, then enter the "
                        "code your app shows.",
                        wait,
                    )
                    % {"seconds": wait},
                    code="code_wait",
                )
            raise forms.ValidationError(self.error_messages["code_wrong"], code="code_wrong")
        # django-otp marks the session as verified when Django signs the user in.
        user.otp_device = device
        return self.cleaned_data

    def _refuse_network(self):
        # AxesMiddleware answers with the lockout page, which says why.
        lockout.refuse_network(self.request, self.cleaned_data.get("username"))
        raise self.get_invalid_login_error()


class ConfirmCodeForm(forms.Form):
    code = code_field(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows now. A new code appears every 30 seconds."),
    )


class PasswordForm(forms.Form):
    """Setting up asks for the password again, so that someone at an unattended computer cannot
    tie the account to their own phone or passkey."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class SetUpForm(PasswordForm, ConfirmCodeForm):
    field_order = ["password", "code"]
