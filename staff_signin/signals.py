from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import passkeys, second_factor

# Remembered for the session so that the admin does not look up devices on every request.
NO_SECOND_FACTOR = "staff_signin_no_second_factor"


@receiver(user_logged_in)
def remember_sign_in_without_second_factor(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[NO_SECOND_FACTOR] = not second_factor.has_second_factor(user)
        if getattr(user, "otp_device", None) is not None:  # signed in with password and code
            passkeys.mark_verified_now(request)
