"""Whole pages are cached for anonymous visitors and rendered afresh when their content changes."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from core.models import OrganisationDetails
from events.models import EventIndexPage, EventPage, Venue
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def welcome():
    return StandardPage.objects.live().get(locale__language_code="en", slug="welcome")


def test_anonymous_visitors_get_the_stored_page(client):
    url = welcome().url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_cache_holds_one_copy_per_address_and_language(client):
    page = welcome()
    finnish = page.get_translation(Locale.objects.get(language_code="fi"))
    client.get(page.url)
    response = client.get(finnish.url)
    assert response["X-Page-Cache"] == "miss"
    assert 'lang="fi"' in response.content.decode()
    assert client.get(page.url + "?page=2")["X-Page-Cache"] == "miss"


def test_logged_in_users_are_never_served_from_or_stored_in_the_cache(client, demo_user):
    url = welcome().url
    client.force_login(demo_user("editor"))
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)
    client.logout()
    client.cookies.clear()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_logged_in_users_page_does_not_reach_anonymous_visitors(client, demo_user):
    url = welcome().url
    client.force_login(demo_user("editor"))
    client.get(url)
    client.logout()
    client.cookies.clear()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


def test_publishing_a_page_renders_the_pages_afresh(client):
    page = welcome()
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    page.title = "Welcome, freshly published"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Welcome, freshly published" in response.content.decode()


def test_unpublishing_a_page_removes_it_from_listings_at_once(client):
    index = EventIndexPage.objects.live().get(locale__language_code="en")
    client.get(index.url)
    event = EventPage.objects.child_of(index).live().filter(title__contains="festival").first()
    assert event.title in client.get(index.url).content.decode()
    event.unpublish()
    response = client.get(index.url)
    assert response["X-Page-Cache"] == "miss"
    assert event.title not in response.content.decode()


def test_changing_a_snippet_renders_the_pages_afresh(client):
    url = welcome().url
    client.get(url)
    organisation = OrganisationDetails.objects.get(locale__language_code="en")
    organisation.footer_text = "A footer sentence changed a moment ago."
    organisation.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "A footer sentence changed a moment ago." in response.content.decode()


def test_changing_a_venue_renders_the_events_afresh(client):
    event = EventPage.objects.live().filter(locale__language_code="en", venue__isnull=False).first()
    client.get(event.url)
    venue = Venue.objects.get(pk=event.venue_id)
    venue.name = "The renamed hall"
    venue.save()
    assert "The renamed hall" in client.get(event.url).content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(client):
    page = welcome()
    client.get(page.url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "X-Page-Cache" not in response


def test_pages_with_a_csrf_form_are_not_stored(client):
    page = welcome()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _attempt in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "X-Page-Cache" not in response


def test_responses_that_set_a_cookie_are_not_stored(client):
    url = reverse("wagtailadmin_login")
    response = client.get(url)
    assert response.cookies
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(url)


def test_errors_are_not_stored(client):
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")


def test_search_is_not_cached_so_every_search_counts(client):
    client.get("/en/search/?q=culture")
    assert "X-Page-Cache" not in client.get("/en/search/?q=culture")


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = welcome().url
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_saving_a_draft_keeps_the_stored_pages(client):
    page = welcome()
    client.get(page.url)
    page.title = "A draft title nobody sees yet"
    page.save_revision()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert "A draft title nobody sees yet" not in response.content.decode()


def on_the_sites_host(page):
    """The page's path and host as the site names them: the admin's previews and "View draft"
    are requests to this host, not to the test client's "testserver"."""
    address = urlsplit(page.full_url)
    return address.path, address.netloc


def test_a_moderator_sees_the_draft_after_anonymous_visitors_cached_the_page(client, demo_user):
    page = welcome()
    path, host = on_the_sites_host(page)
    assert client.get(path, HTTP_HOST=host)["X-Page-Cache"] == "miss"
    assert client.get(path, HTTP_HOST=host)["X-Page-Cache"] == "hit"
    page.title = "A draft waiting for the moderator"
    page.save_revision(user=demo_user("editor"))

    client.force_login(demo_user("moderator"))
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert draft.status_code == 200
    assert "X-Page-Cache" not in draft
    assert "A draft waiting for the moderator" in draft.content.decode()

    live = client.get(path, HTTP_HOST=host)
    assert live.status_code == 200
    assert "X-Page-Cache" not in live
    assert "wagtail-userbar" in live.content.decode()


def test_signed_in_users_are_never_served_the_anonymous_copy(client, demo_user):
    path, host = on_the_sites_host(welcome())
    client.get(path, HTTP_HOST=host)
    assert client.get(path, HTTP_HOST=host)["X-Page-Cache"] == "hit"
    for username in ["editor", "translator-fi"]:
        client.force_login(demo_user(username))
        response = client.get(path, HTTP_HOST=host)
        assert "X-Page-Cache" not in response
        assert "wagtail-userbar" in response.content.decode()
