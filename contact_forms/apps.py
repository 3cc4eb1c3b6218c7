from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactFormsConfig(AppConfig):
    name = "contact_forms"
    verbose_name = _("Contact and membership forms")
