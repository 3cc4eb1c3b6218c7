"""The schedule and event pages render in a fixed number of SQL queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import LANGUAGES
from core.caching import new_content_version
from events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def schedule(language="en"):
    return EventIndexPage.objects.live().get(locale__language_code=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_schedule_within_twelve_queries(assert_page_queries, language):
    assert_page_queries(schedule(language).url, 12)


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_page_within_twelve_queries(assert_page_queries, language):
    event = (
        EventPage.objects.live().filter(locale__language_code=language, venue__isnull=False).first()
    )
    assert_page_queries(event.url, 12)


@pytest.mark.parametrize("view", ["past/", "month"])
def test_other_schedule_views_within_twelve_queries(assert_page_queries, view):
    today = timezone.localdate()
    suffix = f"{today.year}/{today.month}/" if view == "month" else view
    assert_page_queries(schedule().url + suffix, 12)


def test_schedule_budget_does_not_grow_with_more_events(assert_page_queries):
    index = schedule()
    event = EventPage.objects.child_of(index).live().filter(image__isnull=False).first()
    for number in range(12):
        event.copy(update_attrs={"slug": f"copied-event-{number}"}, keep_live=True)
    assert_page_queries(index.url, 12)


def test_month_view_reads_the_schedules_span_once_per_content_version(client):
    """Which months answer depends on the first and last dates of the whole schedule: an
    aggregate over every date, kept per content version rather than run on each request."""
    today = timezone.localdate()
    url = f"{schedule().url}{today.year}/{today.month}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [query for query in queries if "MAX(" in query["sql"].upper()]


def test_the_schedules_span_is_read_from_indexes(client):
    """After a change the month view reads the schedule's first start, last finish and longest
    run afresh: each the first date of an index in its order, not an aggregate of every date
    of the schedule. On PostgreSQL the plan walks the three indexes."""
    today = timezone.localdate()
    url = f"{schedule().url}{today.year}/{today.month}/"
    new_content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    (span,) = [
        query["sql"]
        for query in queries
        if 'FROM "events_eventindexpage"' in query["sql"]
        and '"events_eventoccurrence"' in query["sql"]
    ]
    assert "MAX(" not in span.upper() and "MIN(" not in span.upper()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As the planner does on a large schedule; on a small one it may sort the few rows.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + span)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        for index in ("event_occurrence_start", "event_occurrence_finish", "event_occurrence_run"):
            assert index in plan, plan


def test_events_feed_within_a_fixed_budget(assert_page_queries):
    # Each item gives its publication dates: loaded with the items, not one query per item.
    assert_page_queries(schedule().url + "feed/rss/", 6)


@pytest.fixture
def weekly_club():
    """A live club of the Hobbies area every Tuesday and Thursday for two years: 200 dates
    (issue 23), each a row the listings could read one by one."""
    import datetime

    from core.models import Area
    from events.tests.factories import repeating

    first = timezone.localdate() + datetime.timedelta(days=1)
    club = EventPage(
        title="Weekly budget club",
        slug="weekly-budget-club",
        **repeating(
            weekdays=[1, 3],
            start_time=datetime.time(17),
            end_time=datetime.time(18),
            first_date=first,
            last_date=first + datetime.timedelta(weeks=100, days=-1),
        ),
    )
    assert len(club.occurrences.all()) == 200
    schedule().add_child(instance=club)
    club.areas.set([Area.objects.get(locale__language_code="en", slug="hobbies")])
    club.save_revision().publish()
    return club


def test_a_club_of_200_dates_stays_within_the_budgets(assert_page_queries, weekly_club):
    from culture.models import SectionPage
    from home.models import HomePage

    today = timezone.localdate()
    area_page = SectionPage.objects.live().get(locale__language_code="en", area__slug="hobbies")
    for url, budget in [
        (schedule().url, 12),
        (f"{schedule().url}{today.year}/{today.month}/", 12),
        (area_page.url, 12),
        (HomePage.objects.live().get(locale__language_code="en").url, 12),
        (weekly_club.url, 12),
    ]:
        response = assert_page_queries(url, budget)
        assert "Weekly budget club" in response.content.decode(), url
    assert_page_queries(weekly_club.url + "ics/", 6)
    assert_page_queries(schedule().url + "calendar/", 6)
