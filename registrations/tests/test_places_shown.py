"""What visitors see of the places on the demo's events: on the event page, its card in the
schedule and its JSON-LD; counted for a whole listing in one query. And the sign-up's mail waits
for the queue, and its log line names nobody."""

import json
import logging
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from events.models import EventIndexPage, EventPage
from home.models import StandardPage
from registrations.tests.test_sign_up import signed_up

pytestmark = pytest.mark.django_db


def demo_event(title, language="en"):
    english = EventPage.objects.get(locale__language_code="en", title=title)
    return (
        english
        if language == "en"
        else english.get_translation(english.locale.__class__.objects.get(language_code=language))
    )


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [item for block in blocks for item in json.loads(block) if isinstance(item, dict)]


def schedule(language="en"):
    return EventIndexPage.objects.get(locale__language_code=language).url


def test_places_left_on_the_card_the_page_and_in_json_ld(client):
    trip = demo_event("Archipelago day trip")
    card = client.get(schedule()).content.decode()
    assert "3 places left" in card
    signed_up(trip, email="a@example.org")
    signed_up(trip, email="b@example.org")
    finnish = demo_event("Archipelago day trip", "fi")
    page = client.get(finnish.url).content.decode()
    assert "1 paikka jäljellä" in page
    [event] = json_ld(page)[:1]
    assert event["offers"]["availability"] == "https://schema.org/LimitedAvailability"
    assert event["offers"]["price"] == "35.00"
    signed_up(trip, email="c@example.org")
    assert "Лист ожидания" in client.get(schedule("ru")).content.decode()
    page = client.get(trip.url).content.decode()
    assert json_ld(page)[0]["offers"]["availability"] == "https://schema.org/SoldOut"


def test_the_places_of_a_whole_listing_are_counted_in_one_query(client):
    client.get(schedule())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(schedule()).status_code == 200
    counts = [query for query in queries if "registrations_registration" in query["sql"]]
    assert len(counts) == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_mail_waits_for_the_queue_and_the_log_names_nobody(
    caplog, mailoutbox, django_capture_on_commit_callbacks
):
    trip = demo_event("Archipelago day trip")
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            f"/en/registrations/{trip.pk}/",
            {
                "name": "Maija Meikäläinen",
                "email": "maija@example.org",
                "participants": "2",
                "privacy-consent": "on",
            },
        )
    assert response.status_code == 200
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(status="READY").exists()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Sign-up" in logged
    assert "maija" not in logged.lower() and "Meikäläinen" not in logged


def test_a_sign_up_makes_afresh_only_the_pages_that_show_places(
    client, settings, django_capture_on_commit_callbacks
):
    """The page cache keeps a page with the places it shows: a sign-up moves them on, and only
    the pages that show places are made again; the others, and the layout, stay kept."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    trip = demo_event("Archipelago day trip")
    text_page = StandardPage.objects.live().filter(locale__language_code="en").first().url
    assert "3 places left" in client.get(schedule()).content.decode()
    client.get(text_page)
    assert client.get(schedule())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            f"/en/registrations/{trip.pk}/",
            {
                "name": "Maija",
                "email": "maija@example.org",
                "participants": "1",
                "privacy-consent": "on",
            },
        )
    assert response.status_code == 200
    after = client.get(schedule())
    assert after["X-Page-Cache"] == "miss"
    assert "2 places left" in after.content.decode()
    assert client.get(text_page)["X-Page-Cache"] == "hit"
