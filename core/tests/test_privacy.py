"""Private pages: the password and sign-in forms work in every language, a restriction on a page
holds for its translations, aliases and descendants wherever they are shown, and documents
follow the pages that use them (core.privacy)."""

import re
from html import unescape

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Locale, PageViewRestriction

from core.caching import content_version_read_once
from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "ru"]
DEMO_PASSWORD = "baltic-demo-2026"  # noqa: S105
Document = get_document_model()


def restrict(page, kind=PageViewRestriction.LOGIN, **fields):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)


def translation_of(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def html_of(response):
    return response.content.decode()


def form_action(html):
    return unescape(re.search(r'<form class="public-form" action="([^"]+)"', html).group(1))


def add_standard_page(parent, title, **fields):
    page = parent.add_child(
        instance=StandardPage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    )
    page.save_revision().publish()
    return page


def translate(page, language):
    """A live translation, as wagtail-localize makes it (the same translation key)."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    copy.save_revision().publish()
    return copy.specific


# The password form and the sign-in, in every language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_password_of_the_english_page_opens_its_translations(client, language):
    welcome = (
        HomePage.objects.get(locale__language_code="en").get_children().live().first().specific
    )
    restrict(welcome, PageViewRestriction.PASSWORD, password="members-only")
    page = translation_of(welcome, language)
    other = translation_of(welcome, "ru" if language == "fi" else "fi")

    response = client.get(page.url)
    html = html_of(response)
    assert response.status_code == 200
    assert page.title not in html and (page.summary or page.title) not in html
    assert 'class="site-header"' in html and f'<html lang="{language}">' in html
    with translation.override(language):
        lead = translation.gettext(
            "This page is for members. Please enter the password you were given to read it."
        )
    assert not lead.startswith("This page") and lead in html

    action = form_action(html)
    assert action.startswith(f"/{language}/_util/authenticate_with_password/")
    wrong = client.post(action, {"password": "guess", "return_url": page.url})
    assert wrong.status_code == 200
    assert 'role="alert"' in html_of(wrong)
    right = client.post(action, {"password": "members-only", "return_url": page.url})
    assert right.status_code == 302 and right["Location"] == page.url
    assert page.title in html_of(client.get(page.url))
    # One restriction, passed once: the other language opens as well.
    assert client.get(other.url).status_code == 200
    assert other.title in html_of(client.get(other.url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_page_signs_in_in_the_visitors_language(client, language):
    welcome = (
        HomePage.objects.get(locale__language_code="en").get_children().live().first().specific
    )
    restrict(welcome)
    page = translation_of(welcome, language)

    response = client.get(page.url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith(f"/{language}/_util/login/?next=")

    form = client.get(login_url)
    html = html_of(form)
    assert form.status_code == 200
    assert 'class="site-header"' in html and f'<html lang="{language}">' in html
    with translation.override(language):
        lead = translation.gettext("This page is for members. Please sign in to read it.")
    assert not lead.startswith("This page") and lead in html

    wrong = client.post(
        form_action(html), {"username": "editor", "password": "wrong", "next": page.url}
    )
    assert wrong.status_code == 200 and 'role="alert"' in html_of(wrong)
    signed_in = client.post(
        form_action(html),
        {"username": "translator-fi", "password": DEMO_PASSWORD, "next": page.url},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == page.url
    assert page.title in html_of(client.get(page.url))


def test_the_password_form_answers_bad_input_with_4xx(client):
    welcome = HomePage.objects.get(locale__language_code="en").get_children().live().first()
    restriction = restrict(welcome, PageViewRestriction.PASSWORD, password="members-only")
    assert (
        client.get(f"/fi/_util/authenticate_with_password/999999/{welcome.pk}/").status_code == 404
    )
    assert (
        client.get(f"/fi/_util/authenticate_with_password/{restriction.pk}/999999/").status_code
        == 404
    )
    # A return address elsewhere is not followed.
    response = client.post(
        f"/fi/_util/authenticate_with_password/{restriction.pk}/{welcome.pk}/",
        {"password": "members-only", "return_url": "https://evil.example/"},
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]


# A restriction on the English page holds everywhere its translations are shown


def soonest_event(client, language):
    """The first event of the language's schedule feed (so also the first of its listing)."""
    index = EventIndexPage.objects.live().get(locale__language_code=language)
    feed = feedparser.parse(client.get(f"{index.url}feed/rss/").content)
    url = feed.entries[0].link.removeprefix("http://testserver")
    return next(page for page in EventPage.objects.live() if page.url == url), index


def places_an_event_is_shown(client, event, index):
    """Where an anonymous visitor can see the event: its page, its calendar file, the schedule,
    the schedule's calendar and feed, search and the sitemap."""
    return {
        "page": client.get(event.url).status_code == 200,
        "ics": client.get(f"{event.url}ics/").status_code == 200,
        "listing": event.url in html_of(client.get(index.url)),
        "schedule calendar": event.title.encode()
        in client.get(f"{index.url}calendar/").content.replace(b"\r\n ", b""),
        "feed": event.url in html_of(client.get(f"{index.url}feed/rss/")),
        "search": event.url
        in html_of(client.get(f"/{event.locale.language_code}/search/", {"q": event.title})),
        "sitemap": event.url in html_of(client.get("/sitemap.xml")),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restriction_on_the_english_event_hides_its_translation_everywhere(client, language):
    event, index = soonest_event(client, language)
    assert all(places_an_event_is_shown(client, event, index).values())

    restrict(translation_of(event, "en"))
    shown = places_an_event_is_shown(client, event, index)
    assert not any(shown.values()), shown
    response = client.get(f"{event.url}ics/")
    assert response.status_code == 302 and f"/{language}/_util/login/" in response["Location"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restriction_on_the_english_schedule_hides_the_events_below_its_translation(
    client, language
):
    event, index = soonest_event(client, language)
    restrict(translation_of(index, "en"))
    assert client.get(event.url).status_code == 302
    assert client.get(f"{event.url}ics/").status_code == 302
    assert client.get(f"{index.url}feed/rss/").status_code == 302
    assert event.url not in html_of(client.get("/sitemap.xml"))
    assert event.url not in html_of(client.get(f"/{language}/search/", {"q": event.title}))
    # The menu leaves the private schedule out.
    assert f'href="{index.url}"' not in html_of(client.get(f"/{language}/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_alias_standing_in_for_a_translation_is_private_too(client, language):
    english_home = HomePage.objects.get(locale__language_code="en")
    section = add_standard_page(english_home, "Members area")
    child = add_standard_page(section, "Members minutes")
    alias = section.copy_for_translation(Locale.objects.get(language_code=language), alias=True)
    alias_child = child.copy_for_translation(Locale.objects.get(language_code=language), alias=True)
    assert client.get(alias_child.url).status_code == 200

    restrict(section)
    for page in (alias, alias_child):
        assert client.get(page.url).status_code == 302
        assert page.url not in html_of(client.get(f"/{language}/search/", {"q": "Members minutes"}))


def test_an_alias_of_a_private_page_elsewhere_in_the_tree_is_private(client):
    english_home = HomePage.objects.get(locale__language_code="en")
    section = add_standard_page(english_home, "Board")
    minutes = add_standard_page(section, "Board minutes")
    elsewhere = add_standard_page(english_home, "Archive")
    alias = minutes.create_alias(parent=elsewhere, update_slug="board-minutes-copy")
    restrict(section)
    assert client.get(minutes.url).status_code == 302
    assert client.get(alias.url).status_code == 302
    assert alias.url not in html_of(client.get("/sitemap.xml"))


def test_a_translation_made_after_the_restriction_is_private_at_once(client):
    english_home = HomePage.objects.get(locale__language_code="en")
    page = add_standard_page(english_home, "Members letter")
    restrict(page)
    finnish = translate(page, "fi")
    assert client.get(finnish.url).status_code == 302


def test_public_pages_still_need_no_query_for_their_restrictions(client, django_assert_num_queries):
    welcome = (
        HomePage.objects.get(locale__language_code="fi").get_children().live().first().specific
    )
    restrict(HomePage.objects.get(locale__language_code="en").get_children().live().last())
    client.get(welcome.url)
    # As in a request, which reads the content version once.
    with content_version_read_once(), django_assert_num_queries(0):
        assert list(welcome.get_view_restrictions()) == []


# Documents follow the pages that use them


def new_document(title="Minutes"):
    document = Document(title=title)
    document.file.save(f"{title.lower()}.txt", ContentFile(b"Members only"), save=False)
    document.save()
    return document


def page_with_document(document, title="Board papers"):
    english_home = HomePage.objects.get(locale__language_code="en")
    return add_standard_page(
        english_home, title, body=[("document", {"document": document, "label": "Minutes"})]
    )


def test_a_document_no_published_page_uses_is_not_public(client, demo_user):
    document = new_document()
    assert client.get(document.url).status_code == 404
    client.force_login(demo_user("editor"))
    assert client.get(document.url).status_code == 200


def test_a_document_used_on_a_public_page_is_public(client):
    document = new_document()
    page_with_document(document)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Members only"


def test_a_document_used_only_on_an_unpublished_page_is_not_public(client):
    document = new_document()
    page_with_document(document).unpublish()
    assert client.get(document.url).status_code == 404


def test_a_document_of_a_members_page_is_for_members(client, django_user_model):
    document = new_document()
    page = page_with_document(document)
    restrict(page)
    response = client.get(document.url)
    assert response.status_code == 302 and "/_util/login/?next=" in response["Location"]
    # A member with no admin rights, signed in, gets it.
    member = django_user_model.objects.create_user("member", password="member-password")  # noqa: S106
    client.force_login(member)
    assert client.get(document.url).status_code == 200


def test_a_document_of_a_translation_of_a_members_page_is_for_members(client):
    document = new_document()
    english = page_with_document(document)
    translate(english, "fi")
    english.unpublish()
    restrict(english)
    assert client.get(document.url).status_code == 302


def test_a_document_of_a_password_page_asks_for_the_password(client):
    document = new_document()
    page = page_with_document(document)
    restrict(page, PageViewRestriction.PASSWORD, password="members-only")
    response = client.get(document.url)
    html = html_of(response)
    assert response.status_code == 200 and 'name="password"' in html
    assert b"Members only" not in response.content
    passed = client.post(
        form_action(html), {"password": "members-only", "return_url": document.url}
    )
    assert passed.status_code == 302 and passed["Location"] == document.url
    assert client.get(document.url).status_code == 200


def test_a_document_on_a_public_page_too_is_public(client):
    document = new_document()
    restrict(page_with_document(document, "Board papers"))
    page_with_document(document, "Annual report")
    assert client.get(document.url).status_code == 200


def test_bad_document_addresses_are_404(client):
    document = new_document()
    page_with_document(document)
    assert client.get(f"/documents/{document.pk}/other-name.txt").status_code == 404
    assert client.get("/documents/999999/minutes.txt").status_code == 404
