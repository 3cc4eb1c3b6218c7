"""axe-core finds no WCAG 2.2 A/AA violation on any public page type in any language, on a
phone and on a desktop; each page is saved as a screenshot for people to look at."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage
from events.models import EventIndexPage, EventPage
from home.models import HomePage, LocationPage, PeoplePage, StandardPage
from publications.models import PublicationIndexPage, PublicationPage

from .helpers import axe_violations, describe_violations, log_in, screenshot

LANGUAGES = ["en", "fi", "ru"]


def first_url(model, language, suffix=""):
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    return page.url + suffix


def search_url(language):
    with translation.override(language):
        return reverse("search") + "?q=" + {"en": "choir", "fi": "kuoro", "ru": "хор"}[language]


# One address per public page type (and per view of the routable index pages).
PAGE_TYPES = {
    "home": lambda lang: first_url(HomePage, lang),
    "standard": lambda lang: first_url(StandardPage, lang),
    "section": lambda lang: first_url(SectionPage, lang),
    "activity": lambda lang: first_url(ActivityPage, lang),
    "people": lambda lang: first_url(PeoplePage, lang),
    "location": lambda lang: first_url(LocationPage, lang),
    "gallery-index": lambda lang: first_url(GalleryIndexPage, lang),
    "gallery": lambda lang: first_url(GalleryPage, lang),
    "events-upcoming": lambda lang: first_url(EventIndexPage, lang),
    "events-past": lambda lang: first_url(EventIndexPage, lang, "past/"),
    "events-month": lambda lang: first_url(
        EventIndexPage, lang, timezone.localdate().strftime("%Y/%m/")
    ),
    "event": lambda lang: first_url(EventPage, lang),
    "publications": lambda lang: first_url(PublicationIndexPage, lang),
    "publications-year": lambda lang: first_url(
        PublicationIndexPage,
        lang,
        f"{PublicationPage.objects.live().latest('date_published').date_published.year}/",
    ),
    "publication": lambda lang: first_url(PublicationPage, lang),
    "search": search_url,
    "not-found": lambda lang: f"/{lang}/no-such-page/",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_has_no_wcag_violations(open_page, page_type, language, viewport):
    page = open_page(viewport)
    url = PAGE_TYPES[page_type](language)
    response = page.goto(url)
    assert response.status == (404 if page_type == "not-found" else 200), url
    assert page.locator("html").get_attribute("lang") == language
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{page_type}-{language}-{viewport}")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)
    assert not page.script_errors, page.script_errors


def test_axe_reports_rule_element_and_page(open_page):
    """The check above can fail: axe finds a missing alternative text and says where."""
    page = open_page()
    page.goto("/en/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<img id="no-alt" src="/static/favicon.svg">\')'
    )
    report = describe_violations(axe_violations(page), page.url)
    assert "image-alt" in report
    assert "#no-alt" in report
    assert page.url in report


# Wagtail's own widgets, whose findings belong upstream: the rich text editor (Draftail's
# textbox has no accessible name) and the editor's minimap (a scrollable list without focus).
WAGTAIL_WIDGETS = [".DraftEditor-root", ".w-minimap"]

# The admin screens we customise, and the parts of them that are our own markup.
ADMIN_SCREENS = {
    "translator dashboard": (
        "translator-ru",
        lambda: reverse("wagtailadmin_home"),
        "[aria-labelledby='translation-work-heading']",
    ),
    "translation editor": (
        "translator-ru",
        lambda: reverse(
            "wagtailadmin_pages:edit",
            args=[EventPage.objects.filter(locale__language_code="ru").order_by("path").first().id],
        ),
        "form[action*='submit-for-review']",
    ),
    "moderator dashboard": ("moderator", lambda: reverse("wagtailadmin_home"), "main"),
    "release in all languages": (
        "moderator",
        lambda: reverse(
            "release_in_all_languages",
            args=[EventPage.objects.filter(locale__language_code="en").order_by("path").first().id],
        ),
        "main",
    ),
    "event editor": (
        "editor",
        lambda: reverse(
            "wagtailadmin_pages:edit",
            args=[EventPage.objects.filter(locale__language_code="en").order_by("path").first().id],
        ),
        "main",
    ),
    "gallery editor": (
        "editor",
        lambda: reverse(
            "wagtailadmin_pages:edit",
            args=[
                GalleryPage.objects.filter(locale__language_code="en").order_by("path").first().id
            ],
        ),
        "main",
    ),
}


@pytest.mark.parametrize("screen", ADMIN_SCREENS)
def test_customised_admin_screen_has_no_wcag_violations(open_page, screen):
    username, url, ours = ADMIN_SCREENS[screen]
    page = open_page()
    log_in(page, username)
    page.goto(url())
    page.wait_for_load_state("networkidle")
    assert page.locator(ours).count(), f"{ours} missing on {page.url}"
    screenshot(page, f"admin-{screen.replace(' ', '-')}")
    violations = axe_violations(page, include=[ours], exclude=WAGTAIL_WIDGETS)
    assert not violations, describe_violations(violations, page.url)
