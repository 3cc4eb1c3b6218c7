from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Sign-up for events with places and a waiting list. Depends on core and events; events
    knows nothing of it: it plugs its count of places into ``events.availability`` and its form
    into the event page (``core.page_extras``)."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from wagtail.signals import page_published

        from core.page_extras import register_page_extra
        from events.availability import register_places_counter
        from events.models import EventPage

        from .models import places_taken_by_event
        from .services import event_published
        from .views import sign_up_section

        register_places_counter(places_taken_by_event)
        register_page_extra(
            "events.EventPage", "registrations/sign_up_section.html", sign_up_section
        )
        page_published.connect(event_published, sender=EventPage)
