from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import second_factor
from .signals import NO_SECOND_FACTOR


class SecondFactorGate:
    """The admin only for sessions that passed the second step where the account has one, and
    only the enrolment page for accounts that must have one but do not yet.

    The sign-in form asks for the code, but a session can begin elsewhere: the visitors'
    sign-in for private pages, or a session from before the account turned on two-step sign-in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            not user.is_authenticated
            or not request.path_info.startswith(settings.ADMIN_URL_PREFIX)
            or user.is_verified()
            or request.path_info in self.open_paths()
        ):
            return self.get_response(request)
        required = second_factor.required_for(user)
        if request.session.get(NO_SECOND_FACTOR) and not required:
            return self.get_response(request)
        if second_factor.has_second_factor(user):
            logout(request)
            messages.warning(
                request, _("Sign in with the code from your authenticator app to open the admin.")
            )
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if required and request.path_info != reverse("second_factor"):
            return redirect("second_factor")
        return self.get_response(request)

    @staticmethod
    def open_paths():
        # The set-up page needs the admin's icons and script translations, which its scripts
        # fetch: redirected, the icon sprite would be this page again.
        return {
            reverse(name)
            for name in (
                "wagtailadmin_login",
                "wagtailadmin_logout",
                "wagtailadmin_sprite",
                "wagtailadmin_javascript_catalog",
            )
        }
