"""Issue 23: an editor sets a weekly club with the repeat fields (no RRULE syntax), sees what it
means in words as she types, and submits it; the moderator's approval publishes it, and the
visitor's schedule and the event page show its dates."""

import datetime

from playwright.sync_api import expect

from events.models import EventIndexPage, EventPage

from .helpers import anonymous_status, log_in, moderate_from_dashboard, screenshot
from .test_editorial import fill_title, submit_for_moderation

TITLE = "Wednesday chess for beginners"


def test_editor_sets_a_weekly_repeat_and_the_approved_club_shows_its_dates(open_page):
    year = datetime.date.today().year + 1
    first = datetime.date(year, 1, 7)
    first += datetime.timedelta(days=(2 - first.weekday()) % 7)  # the first Wednesday
    last = first + datetime.timedelta(weeks=19)
    skipped = first + datetime.timedelta(weeks=5)
    skipped_too = first + datetime.timedelta(weeks=12)
    extra = first + datetime.timedelta(weeks=10, days=3)  # a Saturday
    schedule = EventIndexPage.objects.get(locale__language_code="en")

    editor = open_page()
    log_in(editor, "editor")
    editor.goto(f"/admin/pages/{schedule.id}/")
    editor.get_by_role("link", name="Add child page").first.click()
    fill_title(editor, TITLE)
    editor.get_by_role("button", name="Add repeat").click()
    repeat = editor.locator("[id^='inline_child_repeats-'][data-inline-panel-child]").first
    repeat.get_by_label("Wednesday").check()
    for name, value in [
        ("start_time", "17:00"),
        ("end_time", "18:00"),
        ("first_date", first.isoformat()),
        ("last_date", last.isoformat()),
    ]:
        repeat.locator(f"input[name$='-{name}']").fill(value)
    editor.keyboard.press("Escape")  # closes the date picker
    # One exception with the date picker and its button, one typed into the list.
    exceptions = repeat.locator("textarea[name$='-exceptions']")
    adder = repeat.locator("textarea[name$='-exceptions'] + [data-date-list-adder]")
    adder.get_by_label("Date to add").fill(skipped.isoformat())
    adder.get_by_role("button", name="Add date").click()
    expect(exceptions).to_have_value(skipped.isoformat())
    exceptions.press("End")
    exceptions.type(f"\n{skipped_too.isoformat()}")
    extras = repeat.locator("textarea[name$='-extra_dates'] + [data-date-list-adder]")
    extras.get_by_label("Date to add").fill(extra.isoformat())
    extras.get_by_role("button", name="Add date").click()
    summary = repeat.locator("[data-repeat-summary]")
    expect(summary).to_contain_text("Every Wednesday, 17:00–18:00")
    expect(summary).to_contain_text("except")
    expect(summary).to_contain_text("also")
    screenshot(editor, "flow-editor-repeat-widget", full_page=False)
    submit_for_moderation(editor)

    event = EventPage.objects.get(locale__language_code="en", title=TITLE)
    days = [o.start.date() for o in event.sorted_occurrences]
    assert len(days) == 20 - 2 + 1
    assert not event.live

    moderator = open_page()
    log_in(moderator, "moderator")
    with moderator.expect_navigation():
        moderate_from_dashboard(moderator, TITLE, "Approve")

    status, visitor = anonymous_status(open_page, schedule.url)
    assert status == 200
    card = visitor.locator(".card", has_text=TITLE)
    expect(card).to_contain_text("and 18 more dates")
    card.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".repeat-summary")).to_contain_text("Every Wednesday")
    expect(visitor.locator(f"time[datetime^='{extra.isoformat()}T17:00']")).to_be_visible()
    expect(visitor.locator(f"time[datetime^='{skipped.isoformat()}']")).to_have_count(0)
