"""Publication lists and publications render in a fixed number of SQL queries."""

import pytest

from conftest import LANGUAGES
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def live(model, language="en"):
    return (
        model.objects.live().filter(locale__language_code=language, alias_of__isnull=True).first()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_publication_within_twelve_queries(assert_page_queries, language):
    publication = (
        PublicationPage.objects.live()
        .filter(locale__language_code=language, authors__isnull=False, attachments__isnull=False)
        .first()
    )
    assert_page_queries(publication.url, 12)


@pytest.mark.parametrize("language", LANGUAGES)
def test_publication_list_within_its_budget(assert_page_queries, language):
    assert_page_queries(live(PublicationIndexPage, language).url, 12)


def test_publication_list_budget_does_not_grow_with_more_publications(assert_page_queries):
    publication = live(PublicationPage)
    for number in range(12):
        publication.copy(update_attrs={"slug": f"copied-publication-{number}"}, keep_live=True)
    index = live(PublicationIndexPage)
    assert_page_queries(index.url, 12)
    assert_page_queries(index.url + "?kind=news&page=2", 12)
