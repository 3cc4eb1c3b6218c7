"""The month view runs from the first month with an event to the last (and from this month to a
year ahead): the months beyond are not found, so a crawler following "next month" stops, while a
visitor's previous and next links stay within the months that answer."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from events.models import EventOccurrence
from events.tests.factories import EventIndexPageFactory, EventPageFactory, occurrences

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TODAY = datetime.datetime(2027, 1, 15, 12, tzinfo=HELSINKI)


def at(*args):
    return datetime.datetime(*args, tzinfo=HELSINKI)


def month_links(html, rel):
    return re.findall(rf'<a href="([^"]+)" rel="{rel}"', html)


def crawl(client, url):
    """The months a crawler reaches from ``url`` following the previous and next links."""
    seen, todo = set(), [url]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        todo += month_links(html, "prev") + month_links(html, "next")
    return seen


def months(index, *year_months):
    return {f"{index.url}{year}/{month}/" for year, month in year_months}


def test_the_month_view_spans_the_events_and_no_more(client, home_page):
    with time_machine.travel(TODAY, tick=False):
        EventPageFactory(title="Spring fair", occurrences=occurrences(at(2027, 3, 6, 10)))
        exhibition = EventPageFactory(
            title="Summer exhibition",
            occurrences=[
                EventOccurrence(start=at(2029, 5, 1), end=at(2029, 6, 30, 23, 59), all_day=True)
            ],
        )
        index = exhibition.get_parent().specific
        reached = crawl(
            client, client.get(index.url + "this-month/", follow=True).request["PATH_INFO"]
        )
        # From this month, before the first event, to the exhibition's end.
        assert reached == months(
            index, *[(year, month) for year in (2027, 2028, 2029) for month in range(1, 13)][:30]
        )
        for year, month in [(2026, 12), (2029, 7), (2100, 12), (2000, 1)]:
            assert client.get(f"{index.url}{year}/{month}/").status_code == 404, (year, month)
        # The filters keep the same months.
        assert client.get(f"{index.url}2028/6/?language=ru").status_code == 200


def test_without_events_the_month_view_runs_a_year_ahead(client, home_page):
    with time_machine.travel(TODAY, tick=False):
        index = EventIndexPageFactory(parent=home_page)
        start = client.get(index.url + "this-month/", follow=True)
        assert start.request["PATH_INFO"] == f"{index.url}2027/1/"
        assert "There are no events in this month." in start.content.decode()
        assert crawl(client, f"{index.url}2027/1/") == months(
            index, *[(2027, month) for month in range(1, 13)], (2028, 1)
        )
        assert client.get(f"{index.url}2028/2/").status_code == 404
