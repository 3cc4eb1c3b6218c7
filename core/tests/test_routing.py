"""Routing looks the site and the page of an address up once per content version, not on every
request, and a change of what answers an address shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from culture.models import ActivityPage
from events.models import EventIndexPage

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries if "wagtailcore_site" in query["sql"]]


def test_the_site_is_looked_up_once_until_a_site_changes(client):
    site_queries(client, "/en/")
    assert site_queries(client, "/en/") == []
    assert site_queries(client, "/fi/") == []

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Baltic Region association"
    site.save()
    assert len(site_queries(client, "/en/")) >= 1
    assert site_queries(client, "/en/") == []


def test_a_host_with_no_site_of_its_own_gets_the_default_site(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for _visit in range(2):
        response = client.get("/en/", HTTP_HOST="other.example")
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()


# Routing's own query: the pages above the site root and the site root in the visitor's language.
ROUTING_QUERY_MARKS = ('"wagtailcore_page"."path" IN (', '"wagtailcore_page"."translation_key" = ')


def routing_queries(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return [query for query in queries if all(mark in query["sql"] for mark in ROUTING_QUERY_MARKS)]


def an_activity():
    return ActivityPage.objects.live().filter(locale__language_code="en").order_by("pk").first()


def test_an_address_is_routed_once_per_structure_version(client):
    activity = an_activity()
    assert len(routing_queries(client, activity.url)) == 1
    assert routing_queries(client, activity.url) == []

    # New content for a live page that stays in place cannot change which page answers an
    # address, nor the breadcrumbs: not routed again, but the page itself is read afresh.
    section = activity.get_parent().specific
    section.save_revision().publish()
    activity.place = "A hall announced just now"
    activity.save_revision().publish()
    response = client.get(activity.url)
    assert routing_queries(client, activity.url) == []
    assert "A hall announced just now" in response.content.decode()

    # A new title may (the breadcrumbs show it): routed afresh.
    section.title = "Renamed section"
    section.save_revision().publish()
    assert len(routing_queries(client, activity.url)) == 1
    assert "Renamed section" in client.get(activity.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client):
    activity = an_activity()
    client.get(activity.url)
    routing_queries(client, activity.url)
    activity.unpublish()
    routing_queries(client, activity.url, status=404)


def test_a_new_slug_moves_the_page_at_once(client):
    activity = an_activity()
    old_url = activity.url
    client.get(old_url)
    activity.slug = "renamed-activity"
    activity.save_revision().publish()
    new_url = ActivityPage.objects.get(pk=activity.pk).url
    assert new_url.endswith("/renamed-activity/")
    routing_queries(client, old_url, status=404)
    assert client.get(new_url).status_code == 200


def test_a_new_view_restriction_applies_at_once(client):
    activity = an_activity()
    client.get(activity.url)
    PageViewRestriction.objects.create(
        page=activity, restriction_type=PageViewRestriction.PASSWORD, password="members-only"
    )
    response = client.get(activity.url)
    assert activity.title not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_an_unknown_address_is_not_kept(client):
    # Kept, every mistyped or probing address would take a place in the cache.
    assert len(routing_queries(client, "/en/no-such-page/", status=404)) == 1
    assert len(routing_queries(client, "/en/no-such-page/", status=404)) == 1


def test_a_routable_pages_own_address_is_kept_too(client):
    schedule = EventIndexPage.objects.live().get(locale__language_code="en")
    assert len(routing_queries(client, f"{schedule.url}past/")) == 1
    assert routing_queries(client, f"{schedule.url}past/") == []
    assert routing_queries(client, schedule.url) != []
    assert routing_queries(client, schedule.url) == []
