"""Areas, activities, galleries, people and location: what visitors see and editors build."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.operations import TranslationCreator

from conftest import LANGUAGES
from core.listing import LISTING_SIZE
from core.models import Area
from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage
from home.models import HomePage, LocationPage, PeoplePage, StandardPage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [SectionPage, ActivityPage, GalleryIndexPage, GalleryPage, PeoplePage, LocationPage]


def first_live(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_each_page_type_renders_in_each_language(client, model, language):
    page = first_live(model, language)
    assert page is not None, f"the demo has no live {model.__name__} in {language}"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    title = escape(page.title)
    assert f"<h1>{title}</h1>" in html or f'<h1 id="hero-title">{title}</h1>' in html


def test_demo_fills_every_area():
    for language in LANGUAGES:
        sections = SectionPage.objects.live().filter(locale__language_code=language)
        assert sections.count() == 5
        for section in sections:
            assert ActivityPage.objects.child_of(section).live().count() >= 2
            galleries = GalleryPage.in_area(section.area).live().filter(locale=section.locale)
            assert galleries.exists()
            assert all(g.gallery_images.count() >= 8 for g in galleries)


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (SectionPage, HomePage, True),
        (ActivityPage, SectionPage, True),
        (ActivityPage, HomePage, False),
        (ActivityPage, StandardPage, False),
        (GalleryPage, GalleryIndexPage, True),
        (GalleryPage, SectionPage, False),
        (StandardPage, SectionPage, False),
        (SectionPage, StandardPage, False),
        (LocationPage, StandardPage, False),
    ],
)
def test_page_tree_rules(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_only_one_gallery_list_people_and_location_page_per_home():
    home = first_live(HomePage, "en")
    for model in (GalleryIndexPage, PeoplePage, LocationPage):
        assert not model.can_create_at(home)


def test_activity_page_shows_practical_details_and_related_activities(client):
    activity = first_live(ActivityPage, "ru")
    sibling = ActivityPage.objects.sibling_of(activity, inclusive=False).live().first()
    html = client.get(activity.url).content.decode()
    assert escape(activity.schedule) in html
    assert "Ещё занятия этого направления" in html
    assert escape(sibling.title) in html


def test_section_page_lists_live_activities_of_its_own_language(client):
    section = first_live(SectionPage, "fi")
    activities = list(ActivityPage.objects.child_of(section).live())
    hidden = activities[0]
    hidden.unpublish()
    html = client.get(section.url).content.decode()
    assert hidden.title not in html
    assert activities[1].title in html
    english = ActivityPage.objects.get(
        translation_key=activities[1].translation_key, locale__language_code="en"
    )
    assert english.title not in html


def test_area_page_shows_its_activities_a_page_at_a_time(client):
    section = first_live(SectionPage, "ru")
    for number in range(LISTING_SIZE + 3):
        section.add_child(
            instance=ActivityPage(title=f"Кружок {number:02d}", locale=section.locale)
        )
    titles = [page.title for page in ActivityPage.objects.child_of(section).live()]
    assert len(titles) > LISTING_SIZE

    def shown(query=""):
        html = client.get(section.url + query).content.decode()
        return html, [title for title in titles if escape(title) in html]

    first_html, first = shown()
    assert first == titles[:LISTING_SIZE]
    # The next page is linked, back to the list of activities rather than the page's top.
    assert '?page=2#activities-heading" rel="next"' in first_html
    assert "Страница 1 из 2" in first_html
    rest_html, rest = shown("?page=2")
    assert rest == titles[LISTING_SIZE:]
    # The rest of the area page is still there on the later pages.
    assert escape(section.title) in rest_html
    # A malformed or too large page number gives the nearest real page, not an error.
    assert shown("?page=x")[1] == first
    assert shown("?page=99")[1] == rest


def test_gallery_list_pages_follow_publishing_and_privacy_without_counting(client):
    index = first_live(GalleryIndexPage, "fi")
    live = GalleryPage.objects.child_of(index).live()
    for number in range(LISTING_SIZE - live.count()):
        index.add_child(
            instance=GalleryPage(title=f"Galleria {number}", date=datetime.date(2020, 1, 1))
        )
    assert live.count() == LISTING_SIZE
    # An English gallery is not on the Finnish list, nor does it give it a second page.
    english = first_live(GalleryIndexPage, "en")
    english.add_child(instance=GalleryPage(title="Old album", date=datetime.date(1990, 1, 1)))

    def shown(query=""):
        html = client.get(index.url + query).content.decode()
        return html, html.count('class="card__title"')

    html, cards = shown()
    assert cards == LISTING_SIZE
    assert 'rel="next"' not in html and "Old album" not in html
    oldest = GalleryPage(title="Vanhin galleria", date=datetime.date(1991, 1, 1))
    index.add_child(instance=oldest)
    html, cards = shown()
    assert cards == LISTING_SIZE and '?page=2" rel="next"' in html
    # The number of pages is not counted: the page says which it is ("Sivu 1", not "Sivu 1/2").
    assert re.search(r"<span>\w+ 1</span>", html)
    html, cards = shown("?page=2")
    assert cards == 1 and "Vanhin galleria" in html and 'rel="prev"' in html
    oldest.unpublish()
    html, cards = shown()
    assert 'rel="next"' not in html and "Vanhin galleria" not in html
    # A page that is no more gives the last one.
    assert shown("?page=2") == shown()
    oldest.save_revision().publish()
    assert "Vanhin galleria" in shown("?page=2")[0]
    restriction = oldest.view_restrictions.create(restriction_type="login")
    assert 'rel="next"' not in shown()[0]
    restriction.delete()
    assert "Vanhin galleria" in shown("?page=2")[0]


def test_gallery_list_hides_unpublished_and_private_galleries(client):
    index = first_live(GalleryIndexPage, "en")
    galleries = list(GalleryPage.objects.child_of(index).live().order_by("path"))
    galleries[0].unpublish()
    galleries[1].view_restrictions.create(restriction_type="login")
    html = client.get(index.url).content.decode()
    assert galleries[0].title not in html
    assert galleries[1].title not in html
    assert galleries[2].title in html


def test_gallery_images_have_alt_text_in_the_pages_language(client):
    for gallery in GalleryPage.objects.live():
        source = (
            gallery.get_translation(Locale.get_default())
            if gallery.locale.language_code != "en"
            else None
        )
        source_items = {i.translation_key: i for i in source.gallery_images.all()} if source else {}
        html = client.get(gallery.url).content.decode()
        for item in gallery.gallery_images.all():
            assert item.alt_text.strip(), f"{gallery.url}: an image has no alternative text"
            if source:
                assert item.image_id == source_items[item.translation_key].image_id
                assert item.alt_text != source_items[item.translation_key].alt_text, (
                    f"{gallery.url}: alternative text is still in English"
                )
                if item.caption:
                    assert item.caption != source_items[item.translation_key].caption
            assert f'alt="{escape(item.alt_text)}"' in html


def make_collection_with_images(name, count):
    collection = Collection.get_first_root_node().add_child(name=name)
    Image = get_image_model()
    images = []
    for n in range(count):
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 200), (20 * n, 80, 120)).save(buffer, "JPEG")
        from django.core.files.images import ImageFile

        images.append(
            Image.objects.create(
                title=f"Upload {n}",
                description=f"Photo number {n + 1} from the trip",
                collection=collection,
                file=ImageFile(buffer, name=f"upload-{n}.jpg"),
            )
        )
    return collection, images


def test_editor_fills_a_gallery_from_a_collection_and_translators_translate_it(admin_client):
    collection, images = make_collection_with_images("Trip upload", 4)
    index = first_live(GalleryIndexPage, "en")
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("culture", "gallerypage", index.id)),
        nested_form_data(
            {
                "title": "Trip to Tallinn",
                "slug": "trip-to-tallinn",
                "date": "2026-10-01",
                "add_images_from": collection.id,
                "gallery_images": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    gallery = GalleryPage.objects.get(slug="trip-to-tallinn", locale=index.locale)
    items = list(gallery.gallery_images.order_by("sort_order"))
    assert [item.image_id for item in items] == [image.id for image in images]
    assert items[2].alt_text == "Photo number 3 from the trip"

    gallery.save_revision().publish()
    russian = Locale.objects.get(language_code="ru")
    creator = TranslationCreator(user=None, target_locales=[russian])
    creator.create_translations(GalleryPage.objects.get(pk=gallery.pk))
    translation = next(iter(creator.mappings.values()))[0]
    po = translation.export_po()
    for entry in po:
        if entry.msgid.startswith("Photo number"):
            entry.msgstr = entry.msgid.replace("Photo number", "Снимок №").replace(
                "from the trip", "из поездки"
            )
        else:
            entry.msgstr = {
                "Trip to Tallinn": "Поездка в Таллин",
                "trip-to-tallinn": "поездка-в-таллин",
            }.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    translation.save_target(publish=True)
    ru_gallery = gallery.get_translation(russian).specific
    ru_gallery.get_latest_revision().publish()
    ru_gallery.refresh_from_db()
    ru_items = list(ru_gallery.gallery_images.order_by("sort_order"))
    assert [item.image_id for item in ru_items] == [image.id for image in images]
    assert ru_items[2].alt_text == "Снимок № 3 из поездки"


def create_galleries(index, count, cover):
    for n in range(count):
        gallery = GalleryPage(
            title=f"Generated gallery {n}", date=datetime.date(2025, 1, 1), cover_image=cover
        )
        index.add_child(instance=gallery)
        gallery.areas.set(Area.objects.filter(locale=index.locale)[:2])


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", [GalleryIndexPage, SectionPage], ids=lambda m: m.__name__)
def test_listing_pages_use_a_bounded_number_of_queries(client, model):
    page = first_live(model, "en")
    cover = get_image_model().objects.first()
    for count in (5, 45):
        if model is GalleryIndexPage:
            create_galleries(page, count, cover)
        else:
            for n in range(count):
                page.add_child(
                    instance=ActivityPage(title=f"Generated activity {count}-{n}", image=cover)
                )
        client.get(page.url)  # renditions are made once, on the first visit
        measured = query_count(client, page.url)
        if count == 5:
            baseline = measured
    assert measured <= baseline, (
        f"{model.__name__}: {baseline} queries for 5 items, {measured} for 50"
    )
    assert measured <= 50
