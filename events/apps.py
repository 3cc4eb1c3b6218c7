from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from home.area_listings import register_area_listing

        from .models import upcoming_events_of_area

        register_area_listing(10, "events/area_events.html", upcoming_events_of_area)
