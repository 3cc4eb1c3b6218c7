"""A venue's new address reaches visitors in every language only through review: the acceptance
test of "snippets have drafts, revisions and the Editorial review workflow".

1. The editor changes the address of the venue of a live event in the snippet editor and submits
   it to Editorial review from the action menu.
2. Visitors keep the old address, on the event page and in its .ics, in every language.
3. A moderator approves it on the dashboard ("Awaiting your review").
4. The English event page and .ics have the new address; Finnish and Russian keep their old one.
5. Each translator reads what changed, updates the translation, translates the address and
   submits it for review; visitors keep the old translated address until a moderator approves
   (Finnish on the dashboard, Russian in the translation editor), then read the new one.

The venue and its event are the test's own, added to the demo's schedule and translated the way
the demo translates its venues and events, so the demo content stays as the other tests know it.
"""

import datetime
import re
from pathlib import Path

import icalendar
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import Translation

from core.demo.translation import translate_segments as translate_as_the_demo_does
from events.models import EventIndexPage, EventOccurrence, EventPage, Venue

from .helpers import (
    axe_violations,
    describe_violations,
    log_in,
    moderate_from_dashboard,
    screenshot,
)

LANGUAGES = ["en", "fi", "ru"]
TRANSLATIONS = ["fi", "ru"]

VENUE = {"en": "Harbour Arts Hall", "fi": "Sataman taidehalli", "ru": "Портовый зал искусств"}
OLD_ADDRESS = {
    "en": "Linnankatu 55, second floor\n20100 Turku",
    "fi": "Linnankatu 55, toinen kerros\n20100 Turku",
    "ru": "Линнанкату 55, второй этаж\n20100 Турку",
}
NEW_ADDRESS = {
    "en": "Linnankatu 55, ground floor, courtyard door\n20100 Turku",
    "fi": "Linnankatu 55, katutaso, sisäpihan ovi\n20100 Turku",
    "ru": "Линнанкату 55, первый этаж, вход со двора\n20100 Турку",
}
# Each English segment of the venue and the event, in Finnish and Russian.
SEGMENTS = {
    VENUE["en"]: VENUE,
    OLD_ADDRESS["en"]: OLD_ADDRESS,
    "Printmaking evening at the harbour": {
        "fi": "Grafiikkailta satamassa",
        "ru": "Вечер графики в гавани",
    },
    "printmaking-evening-at-the-harbour": {
        "fi": "grafiikkailta-satamassa",
        "ru": "vecher-grafiki-v-gavani",
    },
    "Try linocut printing with local artists.": {
        "fi": "Kokeile linopainantaa paikallisten taiteilijoiden kanssa.",
        "ru": "Попробуйте линогравюру с местными художниками.",
    },
    "Baltic Region": {"fi": "Baltic Region", "ru": "Балтийский регион"},
}

# Wagtail's own widgets, whose findings belong upstream (as in test_accessibility).
WAGTAIL_WIDGETS = [".DraftEditor-root", ".w-minimap"]


def locale(code):
    return Locale.objects.get(language_code=code)


def lines(address):
    """The address's lines (the browser sends a text box's line breaks as CRLF)."""
    return address.splitlines()


def venue_of_a_live_event():
    """A live event in the demo's schedule at a venue of its own, both published in English,
    Finnish and Russian: {language: (venue, event)}."""
    venue = Venue.objects.create(
        locale=locale("en"),
        name=VENUE["en"],
        address=OLD_ADDRESS["en"],
        latitude="60.447500",
        longitude="22.241700",
    )
    starts = (timezone.localtime() + datetime.timedelta(days=75)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    event = EventPage(
        title="Printmaking evening at the harbour",
        summary="Try linocut printing with local artists.",
        venue=venue,
    )
    event.occurrences.add(EventOccurrence(start=starts, end=starts + datetime.timedelta(hours=3)))
    EventIndexPage.objects.get(locale__language_code="en").add_child(instance=event)
    event.save_revision().publish()

    def answer(english, language, _current):
        # wagtail-localize gives the line breaks of a plain text field as <br/>.
        return SEGMENTS[english.replace("<br/>", "\n")][language].replace("\n", "<br/>")

    targets = [locale(code) for code in TRANSLATIONS]
    translate_as_the_demo_does(venue, targets, answer)
    translate_as_the_demo_does(event, targets, answer)
    versions = {}
    for code in LANGUAGES:
        venue_version = Venue.objects.get(
            translation_key=venue.translation_key, locale=locale(code)
        )
        event_version = EventPage.objects.get(
            translation_key=event.translation_key, locale=locale(code)
        )
        assert venue_version.live and venue_version.address == OLD_ADDRESS[code]
        assert event_version.live and event_version.venue_id == venue_version.id
        versions[code] = (venue_version, event_version)
    return versions


def fresh_venue(venue):
    return Venue.objects.get(pk=venue.pk)


def visitor_sees_address(open_page, event, code, address, not_address):
    """An anonymous visitor of the event page in ``code`` reads the venue with ``address`` (not
    ``not_address``) under "Where", and the .ics of "Add to calendar" gives it as the LOCATION
    of the event's dates (events.calendars: the name, then the address on one line)."""
    visitor = open_page()
    assert visitor.goto(event.url).status == 200, event.url
    expect(visitor.locator("html")).to_have_attribute("lang", code)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(event.title)
    with translation.override(code):
        where, add_to_calendar = (
            translation.gettext("Where"),
            translation.gettext("Add to calendar"),
        )
    venue_facts = (
        visitor.locator("dl.facts")
        .get_by_text(where, exact=True)
        .locator("xpath=following-sibling::dd[1]")
    )
    expect(venue_facts).to_contain_text(VENUE[code])
    for line in lines(address):
        expect(venue_facts).to_contain_text(line)
    expect(venue_facts).not_to_contain_text(lines(not_address)[0])

    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=add_to_calendar).click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    locations = [str(entry.get("LOCATION")) for entry in calendar.walk("VEVENT")]
    assert locations, f"no dates in the .ics of {event.url}"
    assert set(locations) == {", ".join([VENUE[code], *lines(address)])}, (code, locations)
    return visitor


def assert_no_violations(page, include):
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page, include=include, exclude=WAGTAIL_WIDGETS)
    assert not violations, describe_violations(violations, page.url)


def editor_submits_the_new_address(open_page, venue):
    editor = open_page()
    log_in(editor, "editor")
    editor.goto(reverse("wagtailsnippets_events_venue:list"))
    editor.get_by_role("link", name=VENUE["en"], exact=True).click()
    address = editor.get_by_role("textbox", name="Address")
    expect(address).to_have_value(OLD_ADDRESS["en"])
    address.fill(NEW_ADDRESS["en"])
    assert_no_violations(editor, include=["main"])
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Editorial review").click()
    expect(editor.get_by_text("submitted for moderation")).to_be_visible()
    screenshot(editor, "flow-snippet-review-editor-submitted")
    submitted = fresh_venue(venue)
    assert submitted.address == OLD_ADDRESS["en"]  # what visitors see
    assert lines(submitted.get_latest_revision().as_object().address) == lines(NEW_ADDRESS["en"])


def moderator_approves_on_the_dashboard(open_page, name):
    moderator = open_page()
    log_in(moderator, "moderator")
    expect(moderator.locator("tr", has_text=name)).to_be_visible()
    assert_no_violations(moderator, include=["main"])
    with moderator.expect_navigation():
        moderate_from_dashboard(moderator, name, "Approve")
    expect(moderator.locator("tr", has_text=name)).to_be_hidden()


def moderator_approves_in_the_translation_editor(open_page, venue):
    moderator = open_page()
    log_in(moderator, "moderator")
    moderator.goto(reverse("wagtailsnippets_events_venue:edit", args=[venue.pk]))
    review = moderator.locator("section[aria-labelledby='translation-review-heading']")
    expect(review).to_contain_text("This translation is waiting for your review")
    assert_no_violations(
        moderator, include=["section[aria-labelledby='translation-review-heading']"]
    )
    screenshot(moderator, "flow-snippet-review-moderator-reviews-translation")
    with moderator.expect_navigation():
        review.get_by_role("button", name="Approve and publish").click()
    expect(review).to_have_count(0)


def translate_the_open_segment(page, editor, english, text):
    """``helpers.type_into_open_segment`` for a text of several lines. wagtail-localize shows
    their line breaks in the source as "<br/>" (a CRLF from the browser with a space before it),
    and its text box takes none (Enter saves, typed or pasted ones are dropped), so a translator
    writes them as "<br/>" too."""
    segment = editor.locator("li", has=page.locator("textarea"))
    source = segment.locator("p").first
    expect(source).to_contain_text(re.compile(r"\s*<br/>".join(map(re.escape, lines(english)))))
    segment.locator("textarea").fill("<br/>".join(lines(text)))
    segment.get_by_role("button", name="Save").click()
    expect(editor.locator("textarea")).to_have_count(0)


def translator_updates_and_submits(open_page, code, english_venue):
    """The translator of ``code`` reads what changed in the English venue, updates the
    translation, translates the new address in the translation editor and submits it."""
    record = Translation.objects.get(
        source__object_id=english_venue.translation_key, target_locale=locale(code)
    )
    translator = open_page()
    log_in(translator, f"translator-{code}")
    # The dashboard's "Translation work" panel does not list an out-of-date snippet (it compares
    # the translation with the English *page's* last publication), so the translator opens
    # "what changed" at its address.
    translator.goto(reverse("translation_changes", args=[record.id]))
    expect(
        translator.get_by_role("heading", name=f"Changes to translate: {VENUE[code]}")
    ).to_be_visible()
    change = translator.locator("main table tbody tr", has_text="Address")
    expect(change).to_have_count(1)
    expect(change.locator("td").nth(2)).to_contain_text("second floor")
    expect(change.locator("td").nth(3)).to_contain_text("ground floor, courtyard door")
    expect(change.locator("del", has_text="second")).to_have_count(1)
    expect(change.locator("ins", has_text="ground")).to_have_count(1)
    assert_no_violations(translator, include=["main"])
    screenshot(translator, f"flow-snippet-review-changes-{code}")
    translator.get_by_role("button", name="Update the translation and open the editor").click()
    expect(translator.get_by_text("The translation now follows the current")).to_be_visible()

    editor = translator.locator(".js-translation-editor")
    translate = editor.get_by_role("button", name="Translate", exact=True)
    expect(translate).to_have_count(1)  # the address: the name has not changed
    translate.click()
    translate_the_open_segment(translator, editor, NEW_ADDRESS["en"], NEW_ADDRESS[code])
    expect(translate).to_have_count(0)
    assert_no_violations(translator, include=["form[action*='submit-for-review']"])
    translator.get_by_role("button", name="Submit for review", exact=True).click()
    language = locale(code).get_display_name()
    expect(
        translator.get_by_text(f"The {language} translation was submitted for review.")
    ).to_be_visible()
    screenshot(translator, f"flow-snippet-review-translator-submitted-{code}")


def test_new_venue_address_reaches_every_language_through_review(open_page):
    versions = venue_of_a_live_event()
    english_venue, english_event = versions["en"]

    editor_submits_the_new_address(open_page, english_venue)
    for code in LANGUAGES:
        venue, event = versions[code]
        visitor_sees_address(open_page, event, code, OLD_ADDRESS[code], NEW_ADDRESS[code])

    moderator_approves_on_the_dashboard(open_page, VENUE["en"])
    assert lines(fresh_venue(english_venue).address) == lines(NEW_ADDRESS["en"])
    visitor = visitor_sees_address(
        open_page, english_event, "en", NEW_ADDRESS["en"], OLD_ADDRESS["en"]
    )
    screenshot(visitor, "flow-snippet-review-approved-en")
    for code in TRANSLATIONS:
        venue, event = versions[code]
        visitor_sees_address(open_page, event, code, OLD_ADDRESS[code], NEW_ADDRESS[code])

    for code, approve in [
        ("fi", lambda venue: moderator_approves_on_the_dashboard(open_page, VENUE["fi"])),
        ("ru", lambda venue: moderator_approves_in_the_translation_editor(open_page, venue)),
    ]:
        venue, event = versions[code]
        translator_updates_and_submits(open_page, code, english_venue)
        visitor_sees_address(open_page, event, code, OLD_ADDRESS[code], NEW_ADDRESS[code])
        assert fresh_venue(venue).address == OLD_ADDRESS[code]

        approve(venue)
        assert lines(fresh_venue(venue).address) == lines(NEW_ADDRESS[code])
        visitor = visitor_sees_address(open_page, event, code, NEW_ADDRESS[code], OLD_ADDRESS[code])
        screenshot(visitor, f"flow-snippet-review-approved-{code}")
