"""A translator translates an event in wagtail-localize's editor and submits it for review; the
Russian page stays private until a moderator approves it, and then shows the shared image."""

from django.utils import timezone
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from events.models import EventIndexPage, EventOccurrence, EventPage

from .helpers import (
    anonymous_status,
    log_in,
    moderate_from_dashboard,
    screenshot,
    translate_segments,
)

RUSSIAN = {
    "Tea and songs evening": "Вечер чая и песен",
    "tea-and-songs-evening": "vecher-chaya-i-pesen",
    "Songs from three countries, with tea and pastries.": "Песни трёх стран, с чаем и выпечкой.",
    "Baltic Region": "Балтийский регион",
}


def english_event_with_a_russian_draft():
    schedule = EventIndexPage.objects.get(locale__language_code="en")
    starts = timezone.now() + timezone.timedelta(days=20)
    event = EventPage(
        title="Tea and songs evening",
        summary="Songs from three countries, with tea and pastries.",
        image=get_image_model().objects.order_by("id").first(),
    )
    event.occurrences.add(EventOccurrence(start=starts, end=starts + timezone.timedelta(hours=2)))
    schedule.add_child(instance=event)
    event.save_revision().publish()
    russian = Locale.objects.get(language_code="ru")
    TranslationCreator(user=None, target_locales=[russian]).create_translations(event)
    return event, event.get_translation(russian)


def test_translator_submits_a_translation_that_a_moderator_publishes(open_page):
    event, target = english_event_with_a_russian_draft()
    assert not target.live

    translator = open_page()
    log_in(translator, "translator-ru")
    translator.goto(f"/admin/pages/{target.id}/edit/")
    expect(translator.get_by_text("English to Русский translation").first).to_be_visible()
    translate_segments(translator, RUSSIAN)
    translator.get_by_role("button", name="Submit for review").click()
    expect(translator.get_by_text("translation was submitted for review.")).to_be_visible()
    screenshot(translator, "flow-translator-submitted")

    schedule_ru = EventIndexPage.objects.get(locale__language_code="ru")
    public_url = f"{schedule_ru.url}{RUSSIAN['tea-and-songs-evening']}/"
    assert anonymous_status(open_page, public_url)[0] == 404
    assert not EventPage.objects.get(pk=target.pk).live

    moderator = open_page()
    log_in(moderator, "moderator")
    with moderator.expect_navigation():
        moderate_from_dashboard(moderator, RUSSIAN["Tea and songs evening"], "Approve")

    status, visitor = anonymous_status(open_page, public_url)
    assert status == 200
    expect(visitor.locator("html")).to_have_attribute("lang", "ru")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(RUSSIAN["Tea and songs evening"])
    expect(visitor.get_by_text(RUSSIAN["Baltic Region"]).first).to_be_visible()
    expect(visitor.locator("img.page-image")).to_be_visible()
    visitor.wait_for_function(  # the shared image arrives and shows
        "() => { const img = document.querySelector('img.page-image');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    assert EventPage.objects.get(pk=target.pk).image_id == event.image_id
    screenshot(visitor, "flow-translator-published-ru")
