"""The calendars and the events feed as the clients that read them see them: icalendar,
recurring-ical-events and dateutil's VTIMEZONE reader in Python, Mozilla's ical.js (the library
of Thunderbird and many web calendars) in Node, feedparser for the RSS feed, and Python's e-mail
parser for the file name header. What they read is compared with zoneinfo."""

import calendar
import datetime
import json
import shutil
import subprocess
import zoneinfo
from email import message_from_string
from email.policy import compat32
from email.utils import collapse_rfc2231_value
from pathlib import Path

import feedparser
import icalendar
import pytest
import recurring_ical_events
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation

from core.tests.factories import AreaFactory, translate
from events.models import EventOccurrence, EventPage
from events.tests.factories import EventPageFactory, VenueFactory, occurrences

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
BROWSER_TESTS = Path(settings.BASE_DIR) / "tests" / "browser"
READ_WITH_ICAL_JS = BROWSER_TESTS / "ical_events.mjs"
# Before the events below: the schedule is seen from this moment.
TODAY = datetime.datetime(2027, 1, 15, 12, tzinfo=HELSINKI)
# Both sides of the daylight-saving changes (and the day of each), near and far: the Python
# zone rules and icalendar's own VTIMEZONE list of dates stop in 2037.
CHANGE_YEARS = (2027, 2040, 2100)


def last_sunday(year, month):
    day = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return day - datetime.timedelta(days=(day.weekday() - 6) % 7)


def around_the_changes(year):
    days = [datetime.date(year, 7, 1)]
    for month in (3, 10):
        change = last_sunday(year, month)
        days += [change + datetime.timedelta(days=shift) for shift in (-1, 0, 1)]
    return [datetime.datetime.combine(day, datetime.time(12), tzinfo=HELSINKI) for day in days]


def instant(moment):
    """A time as the clients give it: the UTC instant of a time, the date of an all-day event."""
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def timed(*starts, hours=2):
    return {(instant(start), instant(start + datetime.timedelta(hours=hours))) for start in starts}


SEASONS = [start for year in CHANGE_YEARS for start in around_the_changes(year)]
LECTURE = datetime.datetime(2027, 5, 10, 18, tzinfo=HELSINKI)
TALK = datetime.datetime(2027, 2, 10, 18, tzinfo=HELSINKI)
# What each event's occurrences must be in any client, computed with zoneinfo.
EXPECTED = {
    "seasons": timed(*SEASONS),
    # The festival's day is 27 December in Helsinki (it starts on the 26th in UTC).
    "festival": {("2027-12-27", "2027-12-28")},
    "lecture": timed(LECTURE),
    "talk": timed(TALK),
}


@pytest.fixture
def schedule(home_page):
    """A walk at noon around each daylight-saving change, an all-day festival, a cancelled
    lecture and an online talk, in English and Russian, seen from mid-January 2027."""
    with time_machine.travel(TODAY, tick=False):
        wellness = AreaFactory(name="Wellness")
        venue = VenueFactory(name="Ruissalo trail", address="Ruissalon puistotie\n20100 Turku")
        events = {
            "seasons": EventPageFactory(
                title="Seasons walk",
                summary="A walk around the year.",
                venue=venue,
                areas=[wellness],
                occurrences=occurrences(*SEASONS),
            ),
            "festival": EventPageFactory(
                title="Winter festival",
                occurrences=[
                    EventOccurrence(
                        start=datetime.datetime(2027, 12, 27, tzinfo=HELSINKI),
                        end=datetime.datetime(2027, 12, 27, 23, 59, tzinfo=HELSINKI),
                        all_day=True,
                    )
                ],
            ),
            "lecture": EventPageFactory(
                title="History lecture",
                status=EventPage.STATUS_CANCELLED,
                occurrences=occurrences(LECTURE),
            ),
            "talk": EventPageFactory(
                title="Online talk",
                venue=None,
                online_url="https://meet.example.org/talk",
                occurrences=occurrences(TALK),
            ),
        }
        index = events["seasons"].get_parent().specific
        russian = {
            "index": translate(index, "ru", {"Events": "Мероприятия", "events": "мероприятия"}),
            "seasons": translate(
                events["seasons"],
                "ru",
                {
                    "Seasons walk": "Прогулка времён года",
                    "seasons-walk": "прогулка-времён-года",
                    "A walk around the year.": "Прогулка круглый год.",
                    "Ruissalo trail": "Тропа Руиссало",
                },
            ),
            "festival": translate(
                events["festival"], "ru", {"Winter festival": "Зимний фестиваль"}
            ),
            "lecture": translate(events["lecture"], "ru", {"History lecture": "Лекция по истории"}),
            "talk": translate(events["talk"], "ru", {"Online talk": "Онлайн-беседа"}),
        }
    return {"index": index, **events, "ru": russian}


def calendars(schedule):
    """Every .ics address and the events each holds."""
    index, russian = schedule["index"], schedule["ru"]
    everything = ["seasons", "festival", "lecture", "talk"]
    return {
        schedule["seasons"].url + "ics/": ["seasons"],
        schedule["festival"].url + "ics/": ["festival"],
        russian["seasons"].url + "ics/": ["seasons"],
        index.url + "calendar/": everything,
        index.url + "calendar/?area=wellness": ["seasons"],
        russian["index"].url + "calendar/": everything,
    }


def expected(names):
    return set().union(*(EXPECTED[name] for name in names))


def ics(client, url):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def test_the_vtimezone_gives_helsinki_time_to_2100_by_its_rules_alone(client, schedule):
    """Read by dateutil without any zone database, as a client without one must (Outlook), the
    VTIMEZONE gives every offset zoneinfo gives, around each change from 2000 to 2100."""
    parsed = icalendar.Calendar.from_ical(ics(client, schedule["index"].url + "calendar/"))
    (vtimezone,) = parsed.timezones
    assert vtimezone.tz_name == settings.TIME_ZONE
    for observance in vtimezone.standard + vtimezone.daylight:
        assert "RRULE" in observance and "RDATE" not in observance
    from_the_file = vtimezone.to_tz(lookup_tzid=False)
    for year in range(2000, 2101):
        moments = [datetime.datetime(year, month, 15, tzinfo=UTC) for month in (1, 7)]
        for month in (3, 10):
            change = last_sunday(year, month)
            for day in (change - datetime.timedelta(days=1), change):
                # The clocks change at 01:00 UTC.
                moments += [
                    datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=UTC)
                    for hour in (0, 1)
                ]
        for moment in moments:
            assert (
                moment.astimezone(from_the_file).utcoffset()
                == moment.astimezone(HELSINKI).utcoffset()
            ), moment


def test_recurring_ical_events_reads_each_calendar_as_zoneinfo_does(client, schedule):
    for url, names in calendars(schedule).items():
        parsed = icalendar.Calendar.from_ical(ics(client, url))
        found = recurring_ical_events.of(parsed).between((2027, 1, 1), (2101, 1, 1))
        assert {(instant(event.start), instant(event.end)) for event in found} == expected(names), (
            url
        )


def read_with_ical_js(content):
    if shutil.which("node") is None:
        pytest.skip("Node.js is missing: apt-get install nodejs npm to read calendars with ical.js")
    if not (BROWSER_TESTS / "node_modules" / "ical.js").exists():
        pytest.fail("ical.js missing: run `npm ci --prefix tests/browser`")
    result = subprocess.run(
        ["node", str(READ_WITH_ICAL_JS)],  # noqa: S607 (Node.js from the PATH)
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_ical_js_reads_each_calendar_as_zoneinfo_does(client, schedule):
    """Thunderbird's library applies the file's VTIMEZONE: summer events (a noon in July is
    09:00 UTC) and events after 2037 included."""
    for url, names in calendars(schedule).items():
        found = read_with_ical_js(ics(client, url))
        assert {(event["start"], event["end"]) for event in found} == expected(names), url


def test_an_all_day_event_keeps_its_helsinki_date(client, schedule):
    parsed = icalendar.Calendar.from_ical(ics(client, schedule["festival"].url + "ics/"))
    (festival,) = parsed.walk("VEVENT")
    assert festival.start == datetime.date(2027, 12, 27)
    assert festival.end == datetime.date(2027, 12, 28)
    assert festival["DTSTART"].params["VALUE"] == "DATE"


def test_cancelled_events_stay_in_the_subscribed_calendars_marked_cancelled(client, schedule):
    for url in (schedule["index"].url + "calendar/", schedule["ru"]["index"].url + "calendar/"):
        content = ics(client, url)
        status = {
            str(event["SUMMARY"]): event["STATUS"]
            for event in icalendar.Calendar.from_ical(content).walk("VEVENT")
        }
        in_ical_js = {event["summary"]: event["status"] for event in read_with_ical_js(content)}
        assert in_ical_js == status
        cancelled = [summary for summary, value in status.items() if value == "CANCELLED"]
        assert cancelled == [
            "Cancelled: History lecture"
            if url.startswith("/en/")
            else "Отменено: Лекция по истории"
        ], status
        assert set(status.values()) == {"CANCELLED", "CONFIRMED"}


def event_in_calendar(client, page, url=None):
    """The page's first occurrence as the .ics at ``url`` (the page's own by default) gives it."""
    uid = f"event-occurrence-{page.sorted_occurrences[0].pk}@baltic-region"
    parsed = icalendar.Calendar.from_ical(ics(client, url or page.url + "ics/"))
    (entry,) = [event for event in parsed.walk("VEVENT") if str(event["UID"]) == uid]
    return entry


def test_sequence_and_last_modified_move_with_each_publication(client, schedule):
    walk = EventPage.objects.get(pk=schedule["seasons"].pk)
    feed = schedule["index"].url + "calendar/"
    before = event_in_calendar(client, walk)
    assert before["LAST-MODIFIED"].dt == TODAY
    with time_machine.travel(TODAY + datetime.timedelta(days=2), tick=False):
        dates = walk.sorted_occurrences
        dates[0].start += datetime.timedelta(hours=1)
        dates[0].end += datetime.timedelta(hours=1)
        walk.occurrences = dates
        walk.save_revision().publish()
    moved = event_in_calendar(client, walk)
    assert moved["SEQUENCE"] > before["SEQUENCE"] >= 0
    assert moved["LAST-MODIFIED"].dt == TODAY + datetime.timedelta(days=2)
    assert moved.start == min(SEASONS) + datetime.timedelta(hours=1)
    with time_machine.travel(TODAY + datetime.timedelta(days=3), tick=False):
        walk = EventPage.objects.get(pk=walk.pk)
        walk.status = EventPage.STATUS_CANCELLED
        walk.save_revision().publish()
    cancelled = event_in_calendar(client, walk, feed)
    assert cancelled["UID"] == moved["UID"]
    assert cancelled["SEQUENCE"] > moved["SEQUENCE"]
    assert cancelled["LAST-MODIFIED"].dt > moved["LAST-MODIFIED"].dt
    assert cancelled["STATUS"] == "CANCELLED"


def test_a_calendar_feed_costs_the_same_queries_whatever_it_holds(client, schedule):
    def queries():
        ics(client, schedule["index"].url + "calendar/")  # what is kept per content version
        with CaptureQueriesContext(connection) as captured:
            ics(client, schedule["index"].url + "calendar/")
        return len(captured)

    few = queries()
    with time_machine.travel(TODAY, tick=False):
        for number in range(5):
            EventPageFactory(title=f"Added event {number}", occurrences=occurrences(LECTURE))
    assert queries() == few


def file_name(response):
    """The file name a client takes from the response, as Python's MIME parser reads the header
    (decoding RFC 2231's ``filename*``), preferring ``filename*`` as RFC 6266 asks; and the
    ASCII ``filename`` for clients that do not read ``filename*``."""
    header = message_from_string(
        f"Content-Disposition: {response['Content-Disposition']}\n\n", policy=compat32
    )
    names = [
        value for key, value in header.get_params(header="content-disposition") if key == "filename"
    ]
    ascii_names = [name for name in names if isinstance(name, str)]
    extended = [collapse_rfc2231_value(name) for name in names if isinstance(name, tuple)]
    return (extended or ascii_names)[0], ascii_names[0]


def test_a_russian_calendar_keeps_its_file_name(client, schedule):
    russian = schedule["ru"]
    response = client.get(russian["seasons"].url + "ics/")
    assert response["Content-Disposition"].isascii()
    assert file_name(response) == ("прогулка-времён-года.ics", "calendar.ics")
    response = client.get(russian["index"].url + "calendar/")
    assert file_name(response)[0] == "мероприятия.ics"
    assert file_name(client.get(schedule["seasons"].url + "ics/")) == (
        "seasons-walk.ics",
        "seasons-walk.ics",
    )


def rss(client, language_index):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(language_index.url + "feed/rss/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_rss_feed_says_when_and_where_and_announces_cancellations(client, schedule, language):
    index = schedule["index"] if language == "en" else schedule["ru"]["index"]
    feed = rss(client, index)
    assert feed.feed.language == language
    entries = {entry.link.removeprefix("http://testserver"): entry for entry in feed.entries}
    pages = schedule if language == "en" else schedule["ru"]
    walk, festival = entries[pages["seasons"].url], entries[pages["festival"].url]
    lecture, talk = entries[pages["lecture"].url], entries[pages["talk"].url]

    with translation.override(language):
        first = min(SEASONS)
        when = f"{formats.date_format(first, 'DATE_FORMAT')}, {formats.time_format(first)}"
        festival_day = formats.date_format(datetime.date(2027, 12, 27), "DATE_FORMAT")
        lecture_day = formats.date_format(LECTURE, "DATE_FORMAT")
    assert when in walk.summary
    assert festival_day in festival.summary
    assert lecture_day in lecture.summary
    venue = schedule["seasons"].venue.get_translation(index.locale)
    assert f"{venue.name}, Ruissalon puistotie" in walk.summary
    with translation.override(language):
        online = f'{translation.gettext("Online")}: <a href="https://meet.example.org/talk">'
    assert online in talk.summary
    assert pages["seasons"].summary in walk.summary
    if language == "ru":
        assert "27 марта 2027" in walk.summary and "12:00" in walk.summary
        assert "и ещё 20 дат" in walk.summary
        assert lecture.title == "Отменено: Лекция по истории"
    else:
        assert lecture.title == "Cancelled: History lecture"
    assert walk.title == pages["seasons"].title
    # The cancellation comes to readers as an item of its own.
    assert lecture.id.endswith("#cancelled") and walk.id == walk.link
    # Soonest first, the cancelled lecture in its place.
    assert [entry.link for entry in feed.entries] == [
        entry.link for entry in (talk, walk, lecture, festival)
    ]
