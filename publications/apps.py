from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from core.listings_registry import register_area_listing

        from .models import latest_publications_of_area

        register_area_listing(
            20, "publications/area_publications.html", latest_publications_of_area
        )
