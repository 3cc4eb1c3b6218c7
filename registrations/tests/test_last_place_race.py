"""Two visitors sign up for the last place at the same moment, on PostgreSQL (where two
transactions really run side by side): one gets it, the other the waiting list. Counting the
places takes a moment here, so without the lock on the date's row (``services.sign_up``) both
would count one place left and both be confirmed.

Run with DATABASE_URL=postgres://...; on SQLite, whose writes are serialised anyway, skipped."""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone, translation

from events.tests.factories import EventPageFactory, occurrences
from registrations import services
from registrations.models import Registration

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL) for transactions that really run at once",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.no_demo,
]


def test_two_visitors_racing_for_the_last_place(home_page, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    event = EventPageFactory(
        registration_open=True, places=1, waiting_list=True, occurrences=occurrences(start)
    )
    counted = services.places_taken

    def slow_count(occurrence):
        taken = counted(occurrence)
        time.sleep(0.5)  # the other visitor's request arrives meanwhile
        return taken

    monkeypatch.setattr(services, "places_taken", slow_count)
    request = RequestFactory().post("/en/registrations/")
    barrier = threading.Barrier(2)
    errors = []

    def visitor(email):
        try:
            with translation.override("en"):
                barrier.wait()
                services.sign_up(
                    event,
                    start,
                    request,
                    name=email,
                    email=email,
                    language="en",
                    consent_text="I agree.",
                )
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
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "confirmed",
        "waiting",
    ]
