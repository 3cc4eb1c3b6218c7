"""A visitor reading an event in Russian adds it to their calendar: the browser saves the file
under the event's Russian name (RFC 6266 ``filename*``), not as ``download.ics``."""

import icalendar
from playwright.sync_api import expect

from events.models import EventPage


def test_a_russian_event_is_saved_under_its_russian_name(open_page):
    event = next(
        event
        for event in EventPage.objects.live().filter(
            locale__language_code="ru", status=EventPage.STATUS_SCHEDULED
        )
        if not event.slug.isascii()
    )
    page = open_page("desktop")
    page.goto(event.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Добавить в календарь").click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    with open(download.path(), "rb") as saved:
        calendar = icalendar.Calendar.from_ical(saved.read())
    assert {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")} == {event.title}
