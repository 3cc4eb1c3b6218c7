"""Two visitors sign up for the last place at the same moment, on PostgreSQL (where two
transactions really run side by side): one gets it, the other the waiting list. Counting the
places takes a moment here, so without the lock on the date's row (``services.sign_up``) both
would count one place left and both be confirmed.

Run with DATABASE_URL=postgres://...; on SQLite, whose writes are serialised anyway, skipped.
The threads must see each other's commits, so the test writes outside a test transaction, to
the demo's archipelago trip (three places, a waiting list), and deletes its sign-ups after:
no flush, which would empty the demo content the other tests share."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from events.models import EventPage
from registrations import services
from registrations.models import Registration

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL) for transactions that really run at once",
)


@pytest.fixture
def committed(demo_content, django_db_blocker):
    """Database access in autocommit, as the live site has it; the sign-ups made are deleted."""
    with django_db_blocker.unblock():
        trip = EventPage.objects.get(locale__language_code="en", title="Archipelago day trip")
        try:
            yield trip
        finally:
            Registration.objects.filter(event=trip).delete()


def test_two_visitors_racing_for_the_last_place(committed, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    trip = committed
    occurrence = trip.occurrences.order_by("start").first()
    request = RequestFactory().post("/en/registrations/")

    def sign_up(email):
        with translation.override("en"):
            return services.sign_up(
                trip,
                occurrence.start,
                request,
                name=email,
                email=email,
                language="en",
                consent_text="I agree.",
            )

    # Two of the three places are taken.
    for number in range(2):
        sign_up(f"early{number}@example.org")
    counted = services.places_taken

    def slow_count(occurrence):
        taken = counted(occurrence)
        time.sleep(0.5)  # the other visitor's request arrives meanwhile
        return taken

    monkeypatch.setattr(services, "places_taken", slow_count)
    barrier = threading.Barrier(2)
    errors = []

    def visitor(email):
        try:
            barrier.wait()
            sign_up(email)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=visitor, args=(f"{n}@example.org",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    racers = Registration.objects.filter(event=trip, email__in=["1@example.org", "2@example.org"])
    assert sorted(racers.values_list("status", flat=True)) == ["confirmed", "waiting"]
