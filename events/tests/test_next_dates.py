"""The next date each event keeps (``EventPage.next_start``): the schedule, the home page, the
area pages, the RSS feed and the newsletter's calendar read it rather than group every date to
come, so it must follow the clock and every way dates are written."""

import datetime
import re
from io import StringIO

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import TranslationSource

from core.caching import content_version, live_state_version, new_live_state_version
from core.tests.factories import translate
from events.models import EventOccurrence, EventPage
from events.tests.test_events import HELSINKI, add_event, index_page
from publications.models import PublicationPage

pytestmark = pytest.mark.django_db


def at(*args):
    # Years after the demo's last date (its weekly club's), so that only these events are to come.
    return datetime.datetime(2032, *args, tzinfo=HELSINKI)


def in_order(html, *titles):
    """The ``titles`` found in ``html``, in the order it lists them."""
    return sorted((title for title in titles if title in html), key=html.index)


@pytest.fixture
def lecture_and_walk():
    """A lecture on 5 and 20 March, a walk on 10 March between its two dates."""
    index = index_page()
    add_event(index, "Aurora lecture", at(3, 5, 18), at(3, 20, 18))
    add_event(index, "Birch walk", at(3, 10, 10))
    return index


def schedule_titles(client, index):
    return in_order(client.get(index.url).content.decode(), "Aurora lecture", "Birch walk")


def feed_titles(client, index):
    feed = feedparser.parse(client.get(index.url + "feed/rss/").content)
    return [entry.title for entry in feed.entries]


def home_titles(client, index):
    return in_order(client.get("/en/").content.decode(), "Aurora lecture", "Birch walk")


@pytest.mark.parametrize("titles_of", [schedule_titles, feed_titles, home_titles])
def test_an_event_moves_on_to_its_next_date_when_one_is_over(client, lecture_and_walk, titles_of):
    """Nothing refreshes the stored dates here (no ``refresh_event_dates``): the listing moves
    the lecture on by itself once its first date is over."""
    with time_machine.travel(at(3, 4, 12), tick=False):
        assert titles_of(client, lecture_and_walk) == ["Aurora lecture", "Birch walk"]
    with time_machine.travel(at(3, 6, 12), tick=False):
        assert titles_of(client, lecture_and_walk) == ["Birch walk", "Aurora lecture"]
    with time_machine.travel(at(3, 21, 12), tick=False):
        assert titles_of(client, lecture_and_walk) == []


def test_the_newsletters_calendar_follows_the_clock(lecture_and_walk):
    from newsletters.calendar import upcoming_events

    locale = lecture_and_walk.locale
    titles = [event.title for event in upcoming_events(locale, at(3, 6, 12))]
    assert titles == ["Birch walk", "Aurora lecture"]


def test_the_schedules_pages_follow_the_clock(client):
    """The count of the schedule is kept per content version: an event leaving the schedule
    moves the version on, and the count with it."""
    index = index_page()
    for day in range(1, 14):
        add_event(index, f"Counted talk {day:02d}", at(4, day, 18))
    with time_machine.travel(at(4, 1, 12), tick=False):
        assert 'rel="next"' in client.get(index.url).content.decode()
    with time_machine.travel(at(4, 1, 21), tick=False):
        first_page = client.get(index.url).content.decode()
    assert 'rel="next"' not in first_page
    assert "Counted talk 13" in first_page and "Counted talk 01" not in first_page


def test_a_sign_up_leaves_the_schedules_count_kept(client):
    """The count changes with the content and with the next dates, not with the places taken:
    after a sign-up, which moves the live state on, the schedule is made afresh but not counted
    again; after a publication it is."""
    index = index_page()
    talks = [add_event(index, f"Counted talk {day:02d}", at(4, day, 18)) for day in range(1, 14)]
    with time_machine.travel(at(4, 1, 12), tick=False):
        assert "Page 1 of 2" in client.get(index.url).content.decode()
        new_live_state_version()
        with CaptureQueriesContext(connection) as queries:
            assert "Page 1 of 2" in client.get(index.url).content.decode()
        assert not [query for query in queries if "COUNT(" in query["sql"].upper()]
        talks[0].unpublish()
        assert 'rel="next"' not in client.get(index.url).content.decode()


def test_an_all_day_date_is_to_come_until_its_day_ends_in_helsinki(client):
    index = index_page()
    event = EventPage(title="Harbour market", slug="harbour-market")
    event.occurrences.add(
        EventOccurrence(start=at(5, 5, 0), end=at(5, 5, 23, 59), all_day=True, sort_order=0)
    )
    index.add_child(instance=event)
    with time_machine.travel(at(5, 5, 23, 59, 30), tick=False):
        assert "Harbour market" in client.get(index.url).content.decode()
    with time_machine.travel(at(5, 6, 0, 0, 1), tick=False):
        assert "Harbour market" not in client.get(index.url).content.decode()


def test_cancelled_dates_are_skipped_and_cancelled_events_listed(client):
    index = index_page()
    event = EventPage(title="Choir evening", slug="choir-evening")
    event.occurrences.add(EventOccurrence(start=at(6, 5, 18), cancelled=True, sort_order=0))
    event.occurrences.add(EventOccurrence(start=at(6, 20, 18), sort_order=1))
    index.add_child(instance=event)
    add_event(index, "Called-off regatta", at(6, 10, 10), status=EventPage.STATUS_CANCELLED)
    with time_machine.travel(at(6, 1, 12), tick=False):
        html = client.get(index.url).content.decode()
    assert in_order(html, "Choir evening", "Called-off regatta") == [
        "Called-off regatta",
        "Choir evening",
    ]


def test_refresh_event_dates_moves_events_on_and_the_live_state(lecture_and_walk):
    """Dates over are the live state's: the pages that list events are made afresh, the others
    (and the layout, kept per content version) stay kept."""
    with time_machine.travel(at(3, 21, 12), tick=False):
        add_event(lecture_and_walk, "Cedar fair", at(3, 22, 10), at(3, 29, 10))
    with time_machine.travel(at(3, 23, 12), tick=False):
        content, live_state = content_version(), live_state_version()
        call_command("refresh_event_dates", stdout=StringIO())
        assert live_state_version() != live_state
        assert content_version() == content
    dates = dict(EventPage.objects.values_list("title", "next_start"))
    assert dates["Cedar fair"] == at(3, 29, 10)
    assert dates["Aurora lecture"] is None and dates["Birch walk"] is None


def test_every_demo_event_knows_its_next_date_in_every_language():
    """The demo loader and wagtail-localize's translations save the dates through the page."""
    upcoming = EventOccurrence.objects.upcoming().filter(page=OuterRef("pk")).order_by("start")
    events = EventPage.objects.annotate(soonest=Subquery(upcoming.values("start")[:1]))
    assert {event.locale.language_code for event in events if event.next_start}, "no demo events"
    for event in events:
        assert event.next_start == event.soonest, event


def test_a_translation_follows_the_dates_of_its_source():
    event = add_event(index_page(), "Dune hike", at(7, 5, 10))
    assert translate(event, "fi").next_start == at(7, 5, 10)
    event.occurrences = [EventOccurrence(start=at(8, 1, 10), sort_order=0)]
    event.save_revision().publish()
    # Synchronised as "Sync translated pages" does.
    source = TranslationSource.objects.get_for_instance(event)
    source.update_from_db()
    finnish = source.translations.get(target_locale__language_code="fi")
    finnish.save_target(publish=True)
    assert EventPage.objects.get(pk=finnish.get_target_instance().pk).next_start == at(8, 1, 10)


def test_the_schedule_walks_its_index_in_date_order(client):
    """The schedule finds its events by their stored next date, up to the page shown, rather
    than take the soonest of every event's dates; its events' query stops at a limit. On
    PostgreSQL the plan reads the index in date order, with no sort. Sorting is turned off, as
    the planner would avoid it on a large schedule; on a small one it may sort the few rows."""
    index = index_page()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(index.url).status_code == 200
    assert not [query for query in queries if 'MIN("events_eventoccurrence"' in query["sql"]]
    listing = [query["sql"] for query in queries if '"next_start"' in query["sql"]]
    assert len(listing) == 1 and re.search(r"LIMIT \d+$", listing[0]), listing
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + listing[0])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert plan.startswith("Limit") and "event_next_start" in plan, plan
        assert "Sort" not in plan and "Aggregate" not in plan, plan


def test_a_date_over_makes_afresh_the_lists_of_events_and_no_other_page(
    client, settings, lecture_and_walk
):
    """With the page cache on, the scheduler's refresh moves the lecture down the schedule and
    the home page at once; a publication's page, which lists no event, stays kept. (Minutes
    apart: the cache's entries expire by the clock too.)"""
    settings.PAGE_CACHE_SECONDS = 300
    publication = PublicationPage.objects.live().filter(locale__language_code="en").first().url
    with time_machine.travel(at(3, 5, 19, 58), tick=False):
        assert schedule_titles(client, lecture_and_walk) == ["Aurora lecture", "Birch walk"]
        assert home_titles(client, lecture_and_walk) == ["Aurora lecture", "Birch walk"]
        client.get(publication)
    with time_machine.travel(at(3, 5, 20, 1), tick=False):
        call_command("refresh_event_dates", stdout=StringIO())
        assert schedule_titles(client, lecture_and_walk) == ["Birch walk", "Aurora lecture"]
        assert home_titles(client, lecture_and_walk) == ["Birch walk", "Aurora lecture"]
        assert client.get(publication)["X-Page-Cache"] == "hit"
