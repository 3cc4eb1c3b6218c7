from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import second_factor
from .views import second_factor_settings


@hooks.register("register_admin_urls")
def register_second_factor_url():
    return [path("account/two-step/", second_factor_settings, name="second_factor")]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    on = second_factor.has_second_factor(request.user)
    return {
        "url": reverse("second_factor"),
        "label": _("Two-step sign-in"),
        "help_text": _("On: your password and a code from your phone.")
        if on
        else _("Off: turn it on so that a stolen password cannot open your account."),
    }
