from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscribersConfig(AppConfig):
    """The newsletter's list: who subscribed (double opt-in), in which language, to which areas,
    with what consent, and how to leave it. Depends on core only; the newsletters app, which
    writes and sends the issues, depends on it."""

    name = "subscribers"
    verbose_name = _("Newsletter subscribers")
