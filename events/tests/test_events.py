"""The schedule: what's on, when, where, and into the visitor's calendar."""

import datetime
import json
import re
import zoneinfo

import feedparser
import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from conftest import LANGUAGES
from core.tests.factories import AreaFactory, translate
from culture.tests.factories import SectionPageFactory
from events.feeds import UpcomingEventsFeed
from events.models import EventIndexPage, EventOccurrence, EventPage
from events.tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def index_page(language="en"):
    return EventIndexPage.objects.live().get(locale__language_code=language)


def add_event(index, title, *starts, hours=2, **fields):
    page = EventPage(title=title, slug=re.sub(r"[^a-z0-9]+", "-", title.lower()), **fields)
    for order, start in enumerate(starts):
        page.occurrences.add(
            page.occurrences.model(
                start=start, end=start + datetime.timedelta(hours=hours), sort_order=order
            )
        )
    index.add_child(instance=page)
    return page


def at(*args):
    return datetime.datetime(*args, tzinfo=HELSINKI)


@pytest.mark.parametrize("language", LANGUAGES)
def test_schedule_and_event_pages_render_in_each_language(client, language):
    index = index_page(language)
    html = client.get(index.url).content.decode()
    assert f'<html lang="{language}">' in html
    event = EventPage.objects.live().filter(locale__language_code=language).first()
    response = client.get(event.url)
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_online_event_shows_its_own_accessibility_notes(client):
    """Without a venue there is no venue's note to fall back on (this used to be a 500)."""
    event = add_event(
        index_page(),
        "Online reading circle",
        timezone.now() + datetime.timedelta(days=3),
        online_url="https://example.org/meet",
        accessibility="Live captions in Russian.",
    )
    response = client.get(event.url)
    assert response.status_code == 200
    assert "Live captions in Russian." in response.content.decode()


def test_demo_has_past_upcoming_recurring_and_multi_day_events():
    events = EventPage.objects.live().filter(locale__language_code="en")
    assert events.count() >= 12
    now = timezone.now()
    assert EventOccurrence.objects.filter(page__in=events).upcoming(now).exists()
    assert EventOccurrence.objects.filter(page__in=events, start__lt=now).exists()
    assert any(event.occurrences.count() > 1 for event in events)
    assert any(o.is_multi_day for o in EventOccurrence.objects.filter(page__in=events))
    for language in ("fi", "ru"):
        assert (
            EventPage.objects.live().filter(locale__language_code=language).count()
            == events.count()
        )


def test_upcoming_and_past_split_around_now(client):
    index = index_page()
    add_event(index, "Frozen morning lecture", at(2027, 3, 10, 9))
    add_event(index, "Frozen evening concert", at(2027, 3, 10, 19))
    with time_machine.travel(at(2027, 3, 10, 12), tick=False):
        upcoming = client.get(index.url).content.decode()
        past = client.get(index.url + "past/").content.decode()
    assert "Frozen evening concert" in upcoming and "Frozen morning lecture" not in upcoming
    assert "Frozen morning lecture" in past and "Frozen evening concert" not in past


def test_lists_order_events_by_their_next_and_last_dates(client):
    index = index_page()
    # A weekly class whose first date is over counts from its next one, and is listed once.
    add_event(
        index, "Zebra weekly class", at(2027, 3, 1, 18), at(2027, 3, 8, 18), at(2027, 3, 15, 18)
    )
    add_event(index, "Yak talk", at(2027, 3, 5, 18))
    add_event(index, "Xerus walk", at(2027, 3, 2, 10))
    add_event(index, "Wombat fair", at(2027, 3, 3, 10))
    with time_machine.travel(at(2027, 3, 4, 12), tick=False):
        upcoming = client.get(index.url).content.decode()
        past = client.get(index.url + "past/").content.decode()
    assert upcoming.count("Zebra weekly class</a>") == 1
    assert upcoming.index("Yak talk") < upcoming.index("Zebra weekly class")
    assert "Xerus walk" not in upcoming and "Zebra weekly class" not in past
    assert past.index("Wombat fair") < past.index("Xerus walk")


def test_month_view_boundaries_across_a_month_and_a_year(client):
    index = index_page()
    add_event(index, "New Year's Eve party", at(2027, 12, 31, 22), hours=4)
    add_event(index, "January first walk", at(2028, 1, 1, 11))
    add_event(index, "March 2031 fair", at(2031, 3, 1, 11))
    december = client.get(index.url + "2027/12/").content.decode()
    january = client.get(index.url + "2028/1/").content.decode()
    assert "New Year&#x27;s Eve party" in december and "January first walk" not in december
    assert "January first walk" in january
    assert f'href="{index.url}2027/11/"' in december and f'href="{index.url}2028/1/"' in december
    assert f'href="{index.url}2027/12/"' in january and f'href="{index.url}2028/2/"' in january
    empty = client.get(index.url + "2031/2/").content.decode()
    assert "There are no events in this month." in empty


def test_occurrences_across_the_dst_change_keep_their_local_time(client):
    index = index_page()
    # Summer time ends in Finland on 25 October 2026.
    page = add_event(index, "Sunday choir practice", at(2026, 10, 24, 10), at(2026, 10, 26, 10))
    utc_hours = sorted(o.start.astimezone(datetime.UTC).hour for o in page.occurrences.all())
    assert utc_hours == [7, 8]
    html = client.get(page.url).content.decode()
    assert html.count("10:00") >= 2 or html.count("10.00") >= 2
    calendar = icalendar.Calendar.from_ical(client.get(page.url + "ics/").content)
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    assert [s.hour for s in starts] == [10, 10]
    assert [s.utcoffset() for s in starts] == [
        datetime.timedelta(hours=3),
        datetime.timedelta(hours=2),
    ]


def test_finnish_and_russian_dates(client):
    event = EventPage.objects.live().filter(locale__language_code="ru").first()
    occurrence = event.sorted_occurrences[0]
    local = timezone.localtime(occurrence.start)
    months_ru = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    html = client.get(event.url).content.decode()
    assert f"{local.day} {months_ru[local.month - 1]} {local.year}" in html
    fi_event = event.get_translation(Locale.objects.get(language_code="fi"))
    months_fi = [
        "tammikuuta",
        "helmikuuta",
        "maaliskuuta",
        "huhtikuuta",
        "toukokuuta",
        "kesäkuuta",
        "heinäkuuta",
        "elokuuta",
        "syyskuuta",
        "lokakuuta",
        "marraskuuta",
        "joulukuuta",
    ]
    assert (
        f"{local.day}. {months_fi[local.month - 1]} {local.year}"
        in client.get(fi_event.url).content.decode()
    )


@pytest.mark.no_demo
def test_filters_by_area_and_language(client, home_page):
    culture, hobbies = AreaFactory(name="Culture"), AreaFactory(name="Hobbies")
    festival = EventPageFactory(
        title="Harbour festival", areas=[culture], languages=["ru", "fi", "en"]
    )
    EventPageFactory(title="Board games night", areas=[hobbies], languages=["ru", "fi", "en"])
    EventPageFactory(title="Tea afternoon", areas=[hobbies], languages=["ru"])
    index = festival.get_parent()
    in_culture = client.get(index.url + "?area=culture").content.decode()
    assert "Harbour festival" in in_culture
    assert "Board games night" not in in_culture
    in_english = client.get(index.url + "?language=en").content.decode()
    assert "Tea afternoon" not in in_english
    assert "Board games night" in in_english


@pytest.mark.parametrize(
    ("suffix", "status"),
    [
        ("?page=abc", 200),
        ("?page=-1", 200),
        ("?page=9999", 200),
        ("?area=no-such-area", 404),
        ("?language=xx", 404),
        ("2026/13/", 404),
        ("2026/0/", 404),
        ("1999/12/", 404),
        ("past/?page=%ff", 200),
        ("calendar/?area=%00", 400),
        ("?language=%00", 400),
    ],
)
def test_bad_parameters_never_give_a_server_error(client, suffix, status):
    assert client.get(index_page().url + suffix).status_code == status


@pytest.fixture
def without_the_weekly_club():
    """The demo's weekly club has a date every week for years (issue 23): unpublished for the
    tests of which events come first, far ahead."""
    EventPage.objects.get(locale__language_code="en", slug="finnish-conversation-club").unpublish()


@pytest.mark.usefixtures("without_the_weekly_club")
def test_pagination(client):
    index = index_page()
    start = timezone.now() + datetime.timedelta(days=400)
    for n in range(15):
        add_event(index, f"Paginated event {n:02d}", start + datetime.timedelta(days=n))
    first = client.get(index.url).content.decode()
    second = client.get(index.url + "?page=2").content.decode()
    assert 'rel="next"' in first
    assert "Paginated event 14" in second and "Paginated event 14" not in first


def test_event_ics_parses_back_with_uids_and_local_times(client):
    index = index_page()
    page = add_event(index, "Weekly ics club", at(2027, 2, 3, 18), at(2027, 2, 10, 18))
    response = client.get(page.url + "ics/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"event-occurrence-{o.pk}@baltic-region" for o in page.occurrences.order_by("start")
    ]
    assert events[0].decoded("DTSTART") == at(2027, 2, 3, 18)
    assert events[0].decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)
    assert "Weekly ics club" in str(events[0]["SUMMARY"])
    assert calendar.walk("VTIMEZONE")
    # The same request twice gives the same UIDs.
    again = icalendar.Calendar.from_ical(client.get(page.url + "ics/").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


@pytest.mark.no_demo
def test_calendar_feed_lists_only_live_events_of_the_locale(client, home_page):
    games = EventPageFactory(title="Board games night")
    concert = EventPageFactory(title="Choir concert", status=EventPage.STATUS_CANCELLED)
    index = translate(games.get_parent(), "fi", {"Events": "Tapahtumat"})
    finnish_games = translate(games, "fi", {"Board games night": "Lautapeli-ilta"})
    translate(concert, "fi", {"Choir concert": "Kuorokonsertti"})
    feed = icalendar.Calendar.from_ical(client.get(index.url + "calendar/").content)
    summaries = {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
    assert "Lautapeli-ilta" in summaries
    assert "Board games night" not in summaries
    assert "Peruttu: Kuorokonsertti" in summaries  # cancelled, so calendar apps learn of it
    finnish_games.unpublish()
    feed = icalendar.Calendar.from_ical(client.get(index.url + "calendar/").content)
    assert "Lautapeli-ilta" not in {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
    html = client.get(index.url).content.decode()
    assert 'href="webcal://' in html


@pytest.mark.no_demo
def test_area_calendar_feed(client, home_page):
    walk = EventPageFactory(title="Nordic walk", areas=[AreaFactory(name="Wellness")])
    EventPageFactory(title="Board games night", areas=[AreaFactory(name="Hobbies")])
    feed = icalendar.Calendar.from_ical(
        client.get(walk.get_parent().url + "calendar/?area=wellness").content
    )
    summaries = {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
    assert "Nordic walk" in summaries
    assert "Board games night" not in summaries


@pytest.mark.no_demo
def test_rss_feed_lists_upcoming_live_events_of_the_locale(client, home_page):
    games = EventPageFactory(title="Board games night")
    EventPageFactory(title="Round table of partners")  # not translated into Russian
    index = translate(games.get_parent(), "ru", {"Events": "Мероприятия"})
    translate(games, "ru", {"Board games night": "Вечер настольных игр"})
    feed = feedparser.parse(client.get(index.url + "feed/rss/").content)
    titles = {entry.title for entry in feed.entries}
    assert "Вечер настольных игр" in titles
    assert not any(re.search(r"[A-Za-z]{4,}", t) and "Round" in t for t in titles)
    assert "Board games night" not in titles
    assert all(entry.link.startswith("http") for entry in feed.entries)


@pytest.mark.usefixtures("without_the_weekly_club")
def test_rss_feed_holds_the_soonest_events(client, monkeypatch):
    index = index_page()
    add_event(index, "Autumn regatta", at(2027, 9, 1, 10))
    add_event(index, "Spring fair", at(2027, 4, 1, 10))
    add_event(index, "Summer choir", at(2027, 6, 1, 18))
    monkeypatch.setattr(UpcomingEventsFeed, "size", 2)
    with time_machine.travel(at(2027, 3, 1, 12), tick=False):
        feed = feedparser.parse(client.get(index.url + "feed/rss/").content)
    assert [entry.title for entry in feed.entries] == ["Spring fair", "Summer choir"]


def test_event_json_ld(client):
    # Events at a time of day: all-day ones are given as dates (tests/test_real_clients_html.py).
    event = (
        EventPage.objects.live()
        .filter(locale__language_code="en", price__isnull=False)
        .exclude(occurrences__all_day=True)
        .first()
    )
    html = client.get(event.url).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(payload)
    first = data[0]
    for key in ("name", "startDate", "location", "organizer", "eventStatus", "offers"):
        assert key in first
    assert first["@type"] == "Event"
    assert re.search(r"[+-]\d\d:\d\d$", first["startDate"])
    assert first["offers"]["priceCurrency"] == "EUR"


def test_end_before_start_is_a_form_error(admin_client):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    index = index_page()
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.id)),
        nested_form_data(
            {
                "title": "Backwards event",
                "slug": "backwards-event",
                "status": "scheduled",
                "organiser": "Baltic Region",
                "body": streamfield([]),
                "occurrences": inline_formset(
                    [{"start": "2027-05-02 18:00", "end": "2027-05-02 17:00", "all_day": ""}]
                ),
            }
        ),
    )
    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    assert not EventPage.objects.filter(slug="backwards-event").exists()


@pytest.mark.no_demo
def test_area_pages_and_home_show_next_events(client, home_page):
    section = SectionPageFactory(area=AreaFactory(name="Hobbies"))
    EventPageFactory(title="Board games night", areas=[section.area])
    html = client.get(section.url).content.decode()
    assert "Upcoming events" in html and "Board games night" in html
    home = client.get("/en/").content.decode()
    assert "Coming up" in home and "Board games night" in home


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("view", ["", "2029/3/"])
def test_schedule_uses_a_bounded_number_of_queries(client, view):
    from core.models import Area

    index = index_page()
    area = Area.objects.create(locale=index.locale, name="Budget", slug="budget")
    image = EventPage.objects.live().filter(image__isnull=False).first().image
    start = at(2029, 3, 1, 9)
    counts = []
    for total in (5, 100):
        existing = EventPage.objects.child_of(index).filter(title__startswith="Budget").count()
        for n in range(existing, total):
            page = add_event(
                index, f"Budget event {n}", start + datetime.timedelta(hours=n * 6), image=image
            )
            page.areas.set([area])
        url = f"{index.url}{view}?area=budget"
        client.get(url)
        counts.append(query_count(client, url))
    assert counts[1] <= counts[0], counts
    assert counts[1] <= 40
