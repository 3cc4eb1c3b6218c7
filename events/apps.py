from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.listings_registry import register_area_listing, register_home_page_listing

        from .models import next_events, upcoming_events_of_area

        register_area_listing(10, "events/area_events.html", upcoming_events_of_area)
        register_home_page_listing("next_events", lambda home: next_events(home.locale_id))
