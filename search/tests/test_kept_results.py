"""Anonymous visitors' search results are kept per content version, and every search is still
counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import hit_counts
from search.models import SearchTerm
from search.tests.test_search import add_page, found, search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def searches_counted(query):
    return SearchTerm.objects.get(query__query_string=query, locale__language_code="en").searches


def test_a_repeated_search_is_answered_from_the_cache_and_still_counted(client):
    add_page("en", "Lighthouse walk")
    first = search(client, "en", "lighthouse")
    assert found(first) == ["Lighthouse walk"]
    with CaptureQueriesContext(connection) as queries:
        again = search(client, "en", "lighthouse")
    assert again.content == first.content
    # The content version and the language at most: no pages searched, described or routed,
    # and the count kept in memory.
    read = ("core_contentversion", "wagtailcore_locale")
    assert all(any(table in query["sql"] for table in read) for query in queries), queries
    hit_counts.flush()
    assert searches_counted("lighthouse") == 2
    assert "no-store" in again["Cache-Control"]  # and not kept by browsers or the page cache


def test_new_content_is_found_at_once(client):
    add_page("en", "Lighthouse walk")
    assert found(search(client, "en", "lighthouse")) == ["Lighthouse walk"]
    add_page("en", "Lighthouse concert")
    assert sorted(found(search(client, "en", "lighthouse"))) == [
        "Lighthouse concert",
        "Lighthouse walk",
    ]


def test_signed_in_visitors_get_their_own_page(client, demo_user):
    add_page("en", "Lighthouse walk")
    anonymous = search(client, "en", "lighthouse")
    client.force_login(demo_user("editor"))
    signed_in = search(client, "en", "lighthouse")
    assert signed_in.content != anonymous.content
    assert found(signed_in) == ["Lighthouse walk"]


def test_keeping_results_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    add_page("en", "Lighthouse walk")
    search(client, "en", "lighthouse")
    with CaptureQueriesContext(connection) as queries:
        search(client, "en", "lighthouse")
    assert any("wagtailcore_page" in query["sql"] for query in queries)
