from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        from core.structured_data import register_person_pages

        from .models import people_page_addresses

        register_person_pages(people_page_addresses)
