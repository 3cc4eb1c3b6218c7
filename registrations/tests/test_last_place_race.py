"""Two visitors sign up for the last place at the same moment, on PostgreSQL (where two
transactions really run side by side): one gets it, the other the waiting list. Counting the
places takes a moment here, so without the lock on the date's row (``services.sign_up``) both
would count one place left and both be confirmed.

Run with DATABASE_URL=postgres://...; on SQLite, whose writes are serialised anyway, skipped.
The threads must see each other's commits, so every sign-up is made in a thread of its own,
outside the test's transaction, on the demo's archipelago trip (three places, a waiting list),
and deleted the same way after: no flush, which would empty the demo content the other tests
share."""

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

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL) for transactions that really run at once",
    ),
    pytest.mark.django_db,
]


def in_threads(*calls):
    """Run each call in a thread of its own, with its own connection (autocommit, as on the
    live site: its writes are committed), all at once; the errors raised."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def trip():
    trip = EventPage.objects.get(locale__language_code="en", title="Archipelago day trip")
    yield trip
    assert in_threads(Registration.objects.filter(event=trip).delete) == []


def test_two_visitors_racing_for_the_last_place(trip, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
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
        assert in_threads(lambda n=number: sign_up(f"early{n}@example.org")) == []
    counted = services.places_taken

    def slow_count(occurrence):
        taken = counted(occurrence)
        time.sleep(0.5)  # the other visitor's request arrives meanwhile
        return taken

    monkeypatch.setattr(services, "places_taken", slow_count)
    errors = in_threads(lambda: sign_up("1@example.org"), lambda: sign_up("2@example.org"))
    assert errors == []
    racers = Registration.objects.filter(event=trip, email__in=["1@example.org", "2@example.org"])
    assert sorted(racers.values_list("status", flat=True)) == ["confirmed", "waiting"]
