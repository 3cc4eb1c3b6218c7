"""Every page renders in a fixed, small number of SQL queries, in every language."""

import pytest

from conftest import LANGUAGES
from home.models import HomePage, LocationPage, PeoplePage, StandardPage

pytestmark = pytest.mark.django_db


def url_of(model, language):
    return model.objects.live().filter(locale__language_code=language).first().url


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_within_twelve_queries(assert_page_queries, language):
    assert_page_queries(url_of(HomePage, language), 12)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("model", "budget"), [(StandardPage, 6), (PeoplePage, 8), (LocationPage, 6)]
)
def test_other_home_pages_within_their_budget(assert_page_queries, model, budget, language):
    assert_page_queries(url_of(model, language), budget)


def test_home_page_budget_does_not_grow_with_more_events(assert_page_queries):
    from events.models import EventPage

    home = HomePage.objects.live().get(locale__language_code="en")
    event = EventPage.objects.live().filter(locale=home.locale, image__isnull=False).first()
    for number in range(4):
        event.copy(update_attrs={"slug": f"copied-event-{number}"}, keep_live=True)
    assert_page_queries(home.url, 12)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_within_a_fixed_budget(assert_page_queries, settings, language):
    # Searches are counted in memory and stored in batches (search/hit_counts.py), as in
    # production; the budget of a page of real results is in search/tests.
    settings.SEARCH_COUNTS_FLUSH_EVERY = 100
    assert_page_queries(f"/{language}/search/?q=a", 13)


def test_a_missing_page_is_cheap(client, django_assert_max_num_queries):
    client.get("/en/no-such-page/here/")
    with django_assert_max_num_queries(4):
        assert client.get("/en/no-such-page/here/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_visit_after_a_change_within_budget(client, django_assert_max_num_queries, language):
    """After any change, what is kept per content version (the route, the layout, the language
    links) is looked up again by the first visitor; the layout's lookups are few."""
    from core.caching import new_content_version

    url = url_of(StandardPage, language)
    assert client.get(url).status_code == 200
    new_content_version()
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
