from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "culture"
    verbose_name = _("Activity areas and galleries")

    def ready(self):
        from home.area_listings import register_area_listing

        from .models import latest_galleries_of_area

        register_area_listing(30, "culture/area_galleries.html", latest_galleries_of_area)
