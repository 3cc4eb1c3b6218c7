"""Response headers and the sign-in lockout that make the site safe by default."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import ngettext

from core import upstream


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one policy for the public site and a looser one for the Wagtail admin,
    whose own templates still contain inline script."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # Previews are public templates rendered inside the admin's preview panel: Wagtail
        # serves them through a "dummy" request with the page's public path, so they need the
        # admin's policy (which lets the admin frame them).
        in_admin = request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        if (
            not report_only
            and parts.config is None
            and (in_admin or upstream.is_preview_request(request))
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Switches off browser features the site never uses, for it and for embedded media."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def sign_in_locked_out(request, original_response=None, credentials=None):
    """The admin's sign-in page again, with a message that says why and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if getattr(request, "sign_in_network_throttled", False):
        message = ngettext(
            "Too many failed sign-ins from your network. Try again in %(minutes)s minute, or "
            "sign in now with the code from your authenticator app if you have turned on "
            "two-step sign-in.",
            "Too many failed sign-ins from your network. Try again in %(minutes)s minutes, or "
            "sign in now with the code from your authenticator app if you have turned on "
            "two-step sign-in.",
            minutes,
        )
    else:
        message = ngettext(
            "Too many failed sign-in attempts for this account from your network. "
            "Try again in %(minutes)s minute, or ask an administrator to reset your password.",
            "Too many failed sign-in attempts for this account from your network. "
            "Try again in %(minutes)s minutes, or ask an administrator to reset your password.",
            minutes,
        )
    messages.error(request, message % {"minutes": minutes})
    username = (credentials or {}).get("username", "")
    next_url = request.POST.get("next") or reverse("wagtailadmin_home")
    return upstream.admin_sign_in_page(request, username, next_url, status=429)
