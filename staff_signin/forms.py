from django import forms
from django.contrib.auth import get_user_model
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
        "code_wrong": _(
            "That code is not right or has expired. Enter the code your app shows now, or a "
            "recovery code you have not used."
        ),
    }

    def clean(self):
        code = self.cleaned_data.get("otp_code", "")
        device = None
        if self.request is not None and lockout.network_throttled(self.request):
            # Someone is guessing passwords from this address: only a second factor gets
            # through until it calms down, so that a colleague behind the same address can
            # still sign in while the guesser cannot.
            device = self._device_for_code(code)
            if device is None:
                # AxesMiddleware answers with the lockout page, which says why.
                lockout.refuse_network(self.request, self.cleaned_data.get("username"))
                raise self.get_invalid_login_error()
        super().clean()
        user = self.user_cache
        if user is None:  # a field was left empty: the form already says which
            return self.cleaned_data
        if device is None and second_factor.has_second_factor(user):
            if not code:
                raise forms.ValidationError(
                    self.error_messages["code_missing"], code="code_missing"
                )
            wait = second_factor.seconds_to_wait(user, code)
            device = None if wait else second_factor.match_code(user, code)
            if device is None:
                # Counts towards the lockout like a wrong password, so codes cannot be guessed.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": self.cleaned_data.get("username")},
                    request=self.request,
                )
                if wait:
                    raise forms.ValidationError(
                        ngettext(
                            "Several wrong codes in a row: wait %(seconds)s second, then enter "
                            "the code your app shows.",
                            "Several wrong codes in a row: wait %(seconds)s seconds, then enter "
                            "the code your app shows.",
                            wait,
                        )
                        % {"seconds": wait},
                        code="code_wait",
                    )
                raise forms.ValidationError(self.error_messages["code_wrong"], code="code_wrong")
        if device is not None and device.user_id == user.pk:
            # django-otp marks the session as verified when Django signs the user in.
            user.otp_device = device
        return self.cleaned_data

    def _device_for_code(self, code):
        user_model = get_user_model()
        user = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: self.cleaned_data.get("username")}
        ).first()
        return second_factor.match_code(user, code) if user and code else None


class ConfirmCodeForm(forms.Form):
    code = code_field(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows now. A new code appears every 30 seconds."),
    )
