"""The month view shows the first few events of each day and links to the day view for the rest,
so that a busy month reads as quickly as a quiet one, on a phone as well; the day view lists a
day's events a page at a time, with the schedule's filters."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tests.factories import AreaFactory, translate
from events.models import EventOccurrence, EventPage
from events.month import EVENTS_PER_DAY
from events.tests.factories import EventIndexPageFactory, EventPageFactory, occurrences

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def at(*args):
    return datetime.datetime(*args, tzinfo=HELSINKI)


def tours(count, every=20):
    """``count`` harbour tours every ``every`` minutes from 8:00 on 12 March 2027."""
    return occurrences(
        *[at(2027, 3, 12, 8) + datetime.timedelta(minutes=every * n) for n in range(count)],
        hours=0,
    )


@pytest.fixture
def today():
    with time_machine.travel(at(2027, 3, 1, 12), tick=False):
        yield


@pytest.fixture
def schedule(home_page, today):
    """March 2027: 30 harbour tours on the 12th, a choir of the culture area held in Finnish
    that evening, a sauna night just after midnight, and an exhibition running since February."""
    index = EventIndexPageFactory(parent=home_page)
    culture = AreaFactory(name="Culture", slug="culture")
    EventPageFactory(parent=index, title="Harbour tour", occurrences=tours(30))
    EventPageFactory(
        parent=index,
        title="Choir evening",
        areas=[culture],
        languages=["fi"],
        occurrences=occurrences(at(2027, 3, 12, 19)),
    )
    EventPageFactory(
        parent=index, title="Sauna night", occurrences=occurrences(at(2027, 3, 13, 0, 30))
    )
    EventPageFactory(
        parent=index,
        title="Spring exhibition",
        occurrences=[EventOccurrence(start=at(2027, 2, 20, 10), end=at(2027, 3, 14, 18))],
    )
    return index


def day_of(html, date):
    """The part of the month view under the heading of ``date`` (ISO)."""
    found = re.search(rf'<time datetime="{date}">.*?(?=<h2>|</ol>)', html, re.S)
    assert found, date
    return found.group()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_busy_day_shows_its_first_events_and_a_link_to_the_rest(client, schedule):
    html = get(client, f"{schedule.url}2027/3/")
    busy = day_of(html, "2027-03-12")
    assert busy.count("Harbour tour</a>") == EVENTS_PER_DAY
    # Soonest first: the tours from 8:00 to 9:20, not the choir at 19:00.
    assert "09:20" in busy and "09:40" not in busy and "Choir evening" not in busy
    assert f'<a href="{schedule.url}2027/3/12/">26 more events on March 12, 2027</a>' in busy
    # A day within the limit has no such link; each date is listed under its Helsinki day.
    assert "Sauna night" in day_of(html, "2027-03-13") and "more event" not in day_of(
        html, "2027-03-13"
    )
    # Under the day's heading a date gives its times; the heading and the link give the day.
    assert busy.count("March 12, 2027") == 2
    # An event that began in February is listed on the month's first day, with its dates.
    assert "Spring exhibition" in day_of(html, "2027-03-01")
    assert "Feb. 20, 2027" in day_of(html, "2027-03-01")
    assert "Spring exhibition" in day_of(get(client, f"{schedule.url}2027/2/"), "2027-02-20")


def test_the_link_keeps_the_filters(client, schedule):
    html = get(client, f"{schedule.url}2027/3/?language=en")
    assert f'<a href="{schedule.url}2027/3/12/?language=en">25 more events' in html


@pytest.mark.parametrize(
    ("count", "more"),
    [
        (6, "Ещё 1 мероприятие"),
        (8, "Ещё 3 мероприятия"),
        (10, "Ещё 5 мероприятий"),
        (26, "Ещё 21 мероприятие"),
    ],
)
def test_the_link_reads_right_in_russian(client, home_page, today, count, more):
    index = EventIndexPageFactory(parent=home_page)
    translate(EventPageFactory(parent=index, title="Harbour tour", occurrences=tours(count)), "ru")
    russian = translate(index, "ru")
    html = get(client, f"{russian.url}2027/3/")
    assert day_of(html, "2027-03-12").count("Harbour tour</a>") == EVENTS_PER_DAY
    assert f'<a href="{russian.url}2027/3/12/">{more} 12 марта 2027 г.</a>' in html


def test_the_day_view_lists_the_days_events_a_page_at_a_time(client, schedule):
    day = f"{schedule.url}2027/3/12/"
    first = get(client, day)
    assert '<h1><time datetime="2027-03-12">Friday, March 12, 2027</time></h1>' in first
    # The exhibition still on, the 30 tours and the choir: 32 on three pages of 12.
    assert "Page 1 of 3" in first
    assert first.count("</a> · <time") == 12
    assert first.index("Spring exhibition") < first.index("Harbour tour")
    last = get(client, day + "?page=3")
    assert last.count("</a> · <time") == 8 and "Choir evening" in last
    assert "Sauna night" not in first + get(client, day + "?page=2") + last
    assert f'<a href="{schedule.url}2027/3/11/" rel="prev">' in first
    assert f'<a href="{schedule.url}2027/3/13/" rel="next">' in first
    assert f'<a href="{schedule.url}2027/3/">All events in March 2027</a>' in first
    assert "Sauna night" in get(client, f"{schedule.url}2027/3/13/")


@pytest.mark.parametrize("query", ["area=culture", "language=fi"])
def test_the_day_view_filters_by_area_and_language(client, schedule, query):
    html = get(client, f"{schedule.url}2027/3/12/?{query}")
    assert "Choir evening" in html
    assert "Harbour tour" not in html and "Spring exhibition" not in html
    assert f'href="{schedule.url}2027/3/13/?{query}" rel="next"' in html


def test_an_empty_day_says_so(client, schedule):
    assert "There are no events on this day." in get(client, f"{schedule.url}2027/3/20/")


@pytest.mark.parametrize(
    "path",
    [
        "2027/2/30/",  # no such date
        "2027/13/1/",
        "2027/3/32/",
        "2027/3/0/",
        "2027/1/31/",  # before the month of the first event
        "2028/4/1/",  # beyond a year from this month
        "2027/3/12/?area=nowhere",
    ],
)
def test_a_day_that_is_not_shown_is_not_found(client, schedule, path):
    assert client.get(schedule.url + path).status_code == 404


def test_the_first_and_last_days_shown_link_no_further(client, schedule):
    first = get(client, f"{schedule.url}2027/2/1/")
    last = get(client, f"{schedule.url}2028/3/31/")
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_a_run_longer_than_any_before_shows_on_each_of_its_days(client, schedule):
    """The dates of a day are looked for from the longest run of the schedule back: a course
    published after the month was read, longer than any event before it, shows all the same."""
    assert "Winter course" not in get(client, f"{schedule.url}2027/3/")
    EventPageFactory(
        parent=schedule,
        title="Winter course",
        occurrences=[EventOccurrence(start=at(2026, 12, 1, 10), end=at(2027, 6, 1, 18))],
    )
    assert "Winter course" in day_of(get(client, f"{schedule.url}2027/3/"), "2027-03-01")
    assert "Winter course" in get(client, f"{schedule.url}2027/3/12/")


def month_view_reads(client, url):
    """The SQL queries of the month view, and how many dates it read from the database."""
    client.get(url)  # the layout's and the routes' caches are made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The dates are looked for from a first start on: the database finds the month's dates
    # first, rather than every event of the schedule to match them against.
    (dates,) = [query["sql"] for query in queries if "ROW_NUMBER" in query["sql"]]
    assert '"start" >= ' in dates
    with connection.cursor() as cursor:
        cursor.execute(dates)
        return len(queries), len(cursor.fetchall())


def test_the_month_view_reads_as_much_for_a_busy_day_as_for_a_quiet_one(client, home_page, today):
    index = EventIndexPageFactory(parent=home_page)
    tour = EventPageFactory(parent=index, title="Harbour tour", occurrences=tours(10))
    quiet = month_view_reads(client, f"{index.url}2027/3/")
    more = tours(200, every=4)[10:]
    for occurrence in more:
        occurrence.page = tour
    EventOccurrence.objects.bulk_create(more)
    busy = month_view_reads(client, f"{index.url}2027/3/")
    assert busy[0] == quiet[0]
    # Only the dates shown are read, however many the day has.
    assert quiet[1] == busy[1] == EVENTS_PER_DAY


def test_the_day_view_within_a_fixed_budget(assert_page_queries, schedule):
    # The day's count and its page of dates, whatever the number of the day's events.
    assert_page_queries(f"{schedule.url}2027/3/12/?page=2", 6)


def test_the_month_and_day_views_show_each_change_on_the_next_request(client, settings, schedule):
    """A day's markup and each date's line are remembered per process under what they show,
    and the pages are kept in the page cache: a new title, a moved date, a cancellation, an
    unpublished event and a new one all show on the next request, in every language."""
    settings.PAGE_CACHE_SECONDS = 300
    month, day = f"{schedule.url}2027/3/", f"{schedule.url}2027/3/13/"
    sauna = EventPage.objects.get(title="Sauna night")
    finnish = translate(schedule, "fi")
    assert "Sauna night" in day_of(get(client, month), "2027-03-13")
    assert f'<a href="{sauna.url}">Sauna night</a> · <time' in get(client, day)
    assert "Sauna night" not in get(client, f"{finnish.url}2027/3/")

    sauna.title = "Smoke sauna night"
    sauna.save_revision().publish()
    assert "Smoke sauna night</a>" in day_of(get(client, month), "2027-03-13")
    assert "Smoke sauna night</a>" in get(client, day)

    sauna.occurrences = [EventOccurrence(start=at(2027, 3, 20, 0, 30))]
    sauna.save_revision().publish()
    assert "Smoke sauna night" not in get(client, day)
    assert "Smoke sauna night" in day_of(get(client, month), "2027-03-20")
    assert "Smoke sauna night" in get(client, f"{schedule.url}2027/3/20/")

    sauna.status = EventPage.STATUS_CANCELLED
    sauna.save_revision().publish()
    assert ">Cancelled</strong>" in day_of(get(client, month), "2027-03-20")

    sauna.unpublish()
    assert "Smoke sauna night" not in get(client, month)
    assert "There are no events on this day." in get(client, f"{schedule.url}2027/3/20/")

    EventPageFactory(parent=schedule, title="Ice swim", occurrences=occurrences(at(2027, 3, 20, 9)))
    assert "Ice swim" in day_of(get(client, month), "2027-03-20")
    assert "Ice swim" in get(client, f"{schedule.url}2027/3/20/")
    finnish_swim = translate(EventPage.objects.get(title="Ice swim"), "fi")
    assert f'<a href="{finnish_swim.url}">Ice swim</a>' in get(client, f"{finnish.url}2027/3/20/")
    assert "Ice swim" in get(client, f"{schedule.url}2027/3/20/")
