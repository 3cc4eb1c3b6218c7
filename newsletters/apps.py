from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    """Writing and sending the newsletter's issues (issue 24). Depends on core and subscribers,
    and reads the calendar (events) and publications to fill a new issue."""

    name = "newsletters"
    verbose_name = _("Newsletters")
