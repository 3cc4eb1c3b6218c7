"""Issue 23: a weekly club in the calendars and in the page's JSON-LD. The .ics gives a repeat as
one series (RRULE, EXDATE, RDATE in Helsinki time) with an entry for a moved date
(RECURRENCE-ID); icalendar with recurring-ical-events and Mozilla's ical.js expand it into the
dates the site shows, across the clock changes."""

import datetime
import json
import re
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
import time_machine

from events.models import EventPage
from events.tests.factories import EventPageFactory, occurrences, wednesdays
from events.tests.test_calendar_clients import instant, read_with_ical_js

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TODAY = datetime.datetime(2027, 1, 10, 12, tzinfo=HELSINKI)
CANCELLED = datetime.date(2027, 1, 27)
MOVED = datetime.date(2027, 3, 31)  # the first Wednesday of summer time
MOVED_TO = datetime.datetime(2027, 4, 1, 18, 30, tzinfo=HELSINKI)


def at_five(day):
    return datetime.datetime.combine(day, datetime.time(17), tzinfo=HELSINKI)


@pytest.fixture
def club(home_page):
    """Every Wednesday 17:00–18:00 from 13 January to 26 May 2027 but 17 February and 7 April,
    plus Saturday 27 March; the 27 January cancelled, the 31 March moved to Thursday 18:30."""
    with time_machine.travel(TODAY, tick=False):
        page = EventPageFactory(
            title="Chess club",
            **wednesdays(
                datetime.date(2027, 1, 13),
                datetime.date(2027, 5, 26),
                exceptions=["2027-02-17", "2027-04-07"],
                extra_dates=["2027-03-27"],
            ),
        )
        rows = page.sorted_occurrences
        for row in rows:
            day = row.start.astimezone(HELSINKI).date()
            if day == CANCELLED:
                row.cancelled = True
            elif day == MOVED:
                row.start, row.end = MOVED_TO, MOVED_TO + datetime.timedelta(hours=1)
        page.occurrences = rows
        page.sync_repeated_occurrences()
        page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def expected_dates():
    wednesdays = {datetime.date(2027, 1, 13) + datetime.timedelta(weeks=n) for n in range(20)}
    days = wednesdays - {datetime.date(2027, 2, 17), datetime.date(2027, 4, 7), CANCELLED, MOVED}
    starts = [at_five(day) for day in days | {datetime.date(2027, 3, 27)}] + [MOVED_TO]
    return {(instant(start), instant(start + datetime.timedelta(hours=1))) for start in starts}


def ics(client, url):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content


def urls(club):
    return [club.url + "ics/", club.get_parent().url + "calendar/"]


def test_the_series_holds_the_rule_the_exceptions_and_the_moved_date(client, club):
    entries = icalendar.Calendar.from_ical(ics(client, club.url + "ics/")).walk("VEVENT")
    series, moved = entries
    assert series["RRULE"]["FREQ"] == ["WEEKLY"] and series["RRULE"]["BYDAY"] == ["WE"]
    assert series["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert series.start == at_five(datetime.date(2027, 1, 13))
    excluded = {moment.dt for dates in [series["EXDATE"]] for moment in dates.dts}
    assert excluded == {
        at_five(day) for day in (datetime.date(2027, 2, 17), datetime.date(2027, 4, 7), CANCELLED)
    }
    assert [moment.dt for moment in series["RDATE"].dts] == [at_five(datetime.date(2027, 3, 27))]
    assert moved["UID"] == series["UID"]
    assert moved["RECURRENCE-ID"].dt == at_five(MOVED)
    assert moved.start == MOVED_TO


def test_recurring_ical_events_expands_the_club_into_its_dates(client, club):
    for url in urls(club):
        parsed = icalendar.Calendar.from_ical(ics(client, url))
        found = recurring_ical_events.of(parsed).between((2027, 1, 1), (2101, 1, 1))
        assert {(instant(e.start), instant(e.end)) for e in found} == expected_dates(), url


def test_ical_js_expands_the_club_into_its_dates(client, club):
    for url in urls(club):
        found = read_with_ical_js(ics(client, url))
        assert {(event["start"], event["end"]) for event in found} == expected_dates(), url


def test_the_page_gives_search_engines_the_schedule_and_the_dates_to_come(client, club):
    with time_machine.travel(TODAY, tick=False):
        html = client.get(club.url).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    events = json.loads(payload.group(1))
    assert len(events) == 19  # every date, the cancelled one marked
    (schedule,) = events[0]["eventSchedule"]
    assert schedule == {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": ["https://schema.org/Wednesday"],
        "startDate": "2027-01-13",
        "endDate": "2027-05-26",
        "startTime": "17:00:00",
        "endTime": "18:00:00",
        "scheduleTimezone": "Europe/Helsinki",
        "exceptDate": ["2027-01-27", "2027-02-17", "2027-04-07"],
    }
    statuses = {event["startDate"]: event["eventStatus"] for event in events}
    assert statuses["2027-01-27T17:00:00+02:00"] == "https://schema.org/EventCancelled"
    assert "2027-04-01T18:30:00+03:00" in statuses
    assert "2027-03-27T17:00:00+02:00" in statuses


def test_an_autumn_club_keeps_17_00_when_the_clocks_go_back(client, home_page):
    """31 October 2027: 17:00 in Helsinki is 14:00 UTC before, 15:00 UTC after, on the event
    page, the month view and in both calendar clients."""
    with time_machine.travel(TODAY, tick=False):
        page = EventPageFactory(
            title="Autumn club",
            **wednesdays(datetime.date(2027, 10, 20), datetime.date(2027, 11, 3)),
        )
    starts = [at_five(datetime.date(2027, 10, day)) for day in (20, 27)]
    starts.append(at_five(datetime.date(2027, 11, 3)))
    assert [instant(start) for start in starts] == [
        "2027-10-20T14:00:00Z",
        "2027-10-27T14:00:00Z",
        "2027-11-03T15:00:00Z",
    ]
    wanted = {(instant(start), instant(start + datetime.timedelta(hours=1))) for start in starts}
    content = ics(client, page.url + "ics/")
    parsed = icalendar.Calendar.from_ical(content)
    found = recurring_ical_events.of(parsed).between((2027, 1, 1), (2028, 1, 1))
    assert {(instant(e.start), instant(e.end)) for e in found} == wanted
    assert {(e["start"], e["end"]) for e in read_with_ical_js(content)} == wanted
    with time_machine.travel(TODAY, tick=False):
        month = client.get(page.get_parent().url + "2027/11/").content.decode()
        october = client.get(page.get_parent().url + "2027/10/").content.decode()
    assert 'datetime="2027-11-03T17:00:00+02:00"' in month
    assert 'datetime="2027-10-27T17:00:00+03:00"' in october


def test_a_cancelled_date_is_not_the_next_one_in_the_schedule(client, home_page):
    """The schedule orders events by their next date in the database: a date cancelled on its
    own is not it; the month view and the calendar file show it cancelled."""
    with time_machine.travel(TODAY, tick=False):
        quiz = EventPageFactory(
            title="Quiz night",
            occurrences=occurrences(at_five(datetime.date(2027, 1, 13)), at_five(MOVED)),
        )
        EventPageFactory(
            title="Film club", occurrences=occurrences(at_five(datetime.date(2027, 2, 3)))
        )
        rows = quiz.sorted_occurrences
        rows[0].cancelled = True
        quiz.occurrences = rows
        quiz.save_revision().publish()
        html = client.get(quiz.get_parent().url).content.decode()
        month = client.get(quiz.get_parent().url + "2027/1/").content.decode()
    assert html.index("Film club") < html.index("Quiz night")
    assert 'datetime="2027-03-31T17:00:00+03:00"' in html
    # The month view and the calendar file keep the date, marked cancelled.
    listed = re.search(r"<li><a[^>]*>Quiz night</a>.*?</li>", month, re.S).group(0)
    assert "badge--cancelled" in listed
    entries = icalendar.Calendar.from_ical(ics(client, quiz.url + "ics/")).walk("VEVENT")
    assert [str(entry["STATUS"]) for entry in entries] == ["CANCELLED", "CONFIRMED"]


def test_the_subscribed_calendar_starts_the_series_within_its_window(client, club):
    """The schedule's calendar holds the dates of the last 90 days and those to come: the series
    starts there, so the 27 January, cancelled and now out of the window, does not come back."""
    later = datetime.datetime(2027, 5, 1, 12, tzinfo=HELSINKI)
    with time_machine.travel(later, tick=False):
        content = client.get(club.get_parent().url + "calendar/").content
    since = instant(later - datetime.timedelta(days=90))
    wanted = {dates for dates in expected_dates() if dates[0] >= since}
    parsed = icalendar.Calendar.from_ical(content)
    found = recurring_ical_events.of(parsed).between((2027, 1, 1), (2101, 1, 1))
    assert {(instant(e.start), instant(e.end)) for e in found} == wanted
    assert {(e["start"], e["end"]) for e in read_with_ical_js(content)} == wanted
