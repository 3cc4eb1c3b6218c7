"""Area pages, activities and galleries render in a fixed number of SQL queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import LANGUAGES
from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage

pytestmark = pytest.mark.django_db


def live(model, language="en"):
    return (
        model.objects.live().filter(locale__language_code=language, alias_of__isnull=True).first()
    )


def add_copies(page, count):
    for number in range(count):
        page.copy(update_attrs={"slug": f"{page.slug}-copy-{number}"}, keep_live=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_page_within_twelve_queries(assert_page_queries, language):
    assert_page_queries(live(SectionPage, language).url, 12)


def test_area_page_budget_does_not_grow_with_more_activities_and_galleries(assert_page_queries):
    area_page = SectionPage.objects.live().get(locale__language_code="en", area__slug="culture")
    add_copies(ActivityPage.objects.child_of(area_page).live().first(), 5)
    add_copies(
        GalleryPage.in_area(area_page.area).live().filter(locale=area_page.locale).first(), 5
    )
    assert_page_queries(area_page.url, 12)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("model", "budget"), [(ActivityPage, 8), (GalleryIndexPage, 8), (GalleryPage, 8)]
)
def test_activity_and_gallery_pages_within_their_budget(
    assert_page_queries, model, budget, language
):
    assert_page_queries(live(model, language).url, budget)


def test_gallery_list_budget_does_not_grow_with_more_galleries(assert_page_queries):
    add_copies(live(GalleryPage), 12)
    assert_page_queries(live(GalleryIndexPage).url, 8)


def test_gallery_list_does_not_count_its_galleries(client):
    """Counting reads every gallery of the list: one more than a page holds says if another
    follows."""
    add_copies(live(GalleryPage), 12)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(live(GalleryIndexPage).url).content.decode()
    assert 'rel="next"' in html
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def test_gallery_budget_does_not_grow_with_more_images(assert_page_queries):
    gallery = live(GalleryPage)
    before = gallery.gallery_images.count()
    for item in list(gallery.gallery_images.all()):
        item.pk = None
        item.translation_key = uuid.uuid4()
        item.save()
    assert gallery.gallery_images.count() == 2 * before
    assert_page_queries(gallery.url, 8)
