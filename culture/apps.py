from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "culture"
    verbose_name = _("Activity areas and galleries")

    def ready(self):
        from core.listings_registry import register_area_listing, register_home_page_listing

        from .models import SectionPage, latest_galleries_of_area

        register_area_listing(30, "culture/area_galleries.html", latest_galleries_of_area)
        register_home_page_listing(
            "areas",
            lambda home: (
                SectionPage.objects.child_of(home).live().public().select_related("image", "area")
            ),
        )
