"""A visitor finds an event from the home page, takes it into a calendar, reads it in Russian,
finds it again by searching in Russian, and looks through a gallery, on a phone and a desktop."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from events.models import EventPage

from .helpers import axe_violations, describe_violations, screenshot


def open_main_menu(page):
    """On a phone the main menu folds behind its button."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
        expect(
            page.get_by_role("navigation", name="Main").get_by_role("link").first
        ).to_be_visible()


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_phone_menu_opens_closes_and_gives_focus_back_with_or_without_script(open_page, script):
    page = open_page("phone", java_script_enabled=script)
    page.goto("/en/")
    menu = page.get_by_role("navigation", name="Main")
    links = menu.get_by_role("link")
    expect(links.first).to_be_hidden()
    toggle = menu.get_by_role("button", name="Menu")
    toggle.click()
    expect(links.first).to_be_visible()
    screenshot(page, f"phone-menu-open-{'script' if script else 'no-script'}", full_page=False)
    page.keyboard.press("Escape")
    expect(links.first).to_be_hidden()
    expect(toggle).to_be_focused()
    toggle.click()
    menu.get_by_role("button", name="Close menu").click()
    expect(links.first).to_be_hidden()
    toggle.click()
    links.last.click()
    expect(page).not_to_have_url(re.compile(r"/en/$"))


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_visitor_goes_from_home_to_an_event_and_reads_it_in_russian(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))

    areas = page.get_by_role("region", name="What we do")
    areas.get_by_role("link", name="Culture", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Culture")

    events = page.get_by_role("region", name="Upcoming events")
    first_event = events.get_by_role("link").first
    title = first_event.inner_text()
    first_event.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    event = EventPage.objects.get(locale__language_code="en", title=title)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    calendar = open(download.path(), encoding="utf-8").read()
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert f"SUMMARY:{title}" in calendar.replace("\r\n ", "")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    russian = event.get_translation(Locale.objects.get(language_code="ru"))
    expect(page).to_have_url(re.compile(re.escape(russian.url) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(russian.title)
    expect(page.get_by_role("link", name="Добавить в календарь")).to_be_visible()
    screenshot(page, f"flow-visitor-event-ru-{viewport}")

    word = max(re.findall(r"\w+", russian.title), key=len)
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill(word)
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/search/\?q="))
    result = page.locator(".search-results").get_by_role("link", name=russian.title, exact=True)
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(russian.title)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_gallery_viewer_moves_with_arrow_keys_and_closes_with_escape(open_page, viewport):
    page = open_page(viewport)
    page.goto("/en/")
    open_main_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Galleries").click()
    page.locator(".card__title a").first.click()

    thumbnails = page.locator("[data-gallery-link]")
    total = thumbnails.count()
    assert total > 2
    first = thumbnails.first
    first.click()
    viewer = page.get_by_role("dialog", name="Image viewer")
    expect(viewer).to_be_visible()
    count = viewer.locator("[data-viewer-count]")
    image = viewer.locator("img")
    expect(count).to_have_text(f"Image 1 of {total}")
    expect(image).to_have_attribute("alt", first.get_attribute("data-alt"))
    page.wait_for_function(  # the large image arrives and shows
        "() => { const img = document.querySelector('[data-viewer] img');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    first_src = image.get_attribute("src")
    screenshot(page, f"flow-gallery-viewer-en-{viewport}", full_page=False)
    violations = axe_violations(page)  # with the viewer open
    assert not violations, describe_violations(violations, page.url)

    page.keyboard.press("ArrowRight")
    expect(count).to_have_text(f"Image 2 of {total}")
    assert image.get_attribute("src") != first_src
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text(f"Image {total} of {total}")

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(first).to_be_focused()
