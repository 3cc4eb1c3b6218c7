"""The "Areas" checkboxes of the page editor offer the areas of the page's own language only,
and translations keep their areas, shown in their own language."""

import re
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from core.models import Area
from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage
from events.models import EventIndexPage, EventPage
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def offered_areas(response):
    """The areas whose checkboxes the editor shows, and those of them that are ticked."""
    assert response.status_code == 200
    html = response.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="areas" value="(\d+)"[^>]*>', html)
    ticked = re.findall(
        r'<input type="checkbox" name="areas" value="(\d+)"[^>]*checked[^>]*>', html
    )
    return set(map(int, boxes)), set(map(int, ticked))


def area_ids(language):
    return set(Area.objects.filter(locale__language_code=language).values_list("pk", flat=True))


def list_page(model, language):
    return model.objects.get(locale__language_code=language)


def event_form(title, areas):
    return {
        **nested_form_data(
            {
                "title": title,
                "slug": re.sub(r"\W+", "-", title.lower()),
                "status": "scheduled",
                "organiser": "Baltic Region",
                "body": streamfield([]),
                "occurrences": inline_formset(
                    [{"start": "2027-05-02 18:00", "end": "", "all_day": ""}]
                ),
                "repeats": inline_formset([]),
            }
        ),
        # Several values of one field (nested_form_data would number them).
        "areas": [area.pk for area in areas],
    }


@pytest.mark.parametrize("language", ["en", "fi", "ru"])
@pytest.mark.parametrize(
    ("model", "parent"),
    [
        (EventPage, EventIndexPage),
        (GalleryPage, GalleryIndexPage),
        (PublicationPage, PublicationIndexPage),
        (ActivityPage, SectionPage),
    ],
)
def test_a_new_page_offers_the_areas_of_the_language_it_is_added_in(
    admin_client, language, model, parent
):
    parent_page = parent.objects.filter(locale__language_code=language).first()
    url = reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent_page.pk),
    )
    offered, ticked = offered_areas(admin_client.get(url))
    assert offered == area_ids(language)
    assert ticked == set()


def test_the_editor_offers_the_areas_of_the_events_language_with_its_own_ticked(admin_client):
    english_areas = Area.objects.filter(locale__language_code="en")
    event = list_page(EventIndexPage, "en").add_child(
        instance=EventPage(title="Choir evening", slug="choir-evening")
    )
    event.areas.set(english_areas[:2])
    event.save()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    offered, ticked = offered_areas(response)
    assert offered == area_ids("en")
    assert ticked == {area.pk for area in english_areas[:2]}
    html = response.content.decode()
    assert "Culture" in html
    assert "Kulttuuri" not in html and "Культура" not in html


def add_event(admin_client, language, title, areas):
    index = list_page(EventIndexPage, language)
    return admin_client.post(
        reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk)),
        event_form(title, areas),
    )


def test_an_area_of_another_language_is_a_form_error(admin_client):
    finnish_culture = Area.objects.get(locale__language_code="fi", slug="culture")
    response = add_event(admin_client, "en", "Mixed-up event", [finnish_culture])
    assert response.status_code == 200
    assert "Choose only areas in the language of the page." in response.content.decode()
    assert not EventPage.objects.filter(title="Mixed-up event").exists()


def test_a_new_event_with_its_areas_can_be_previewed_before_it_is_saved(admin_client):
    index = list_page(EventIndexPage, "fi")
    culture = Area.objects.get(locale__language_code="fi", slug="culture")
    response = admin_client.post(
        reverse("wagtailadmin_pages:preview_on_add", args=("events", "eventpage", index.pk)),
        event_form("Runoilta", [culture]),
    )
    assert response.json()["is_valid"] is True


def test_an_event_is_saved_with_the_areas_ticked(admin_client):
    culture = Area.objects.get(locale__language_code="fi", slug="culture")
    response = add_event(admin_client, "fi", "Kuoroilta", [culture])
    assert response.status_code == 302
    assert list(EventPage.objects.get(title="Kuoroilta").areas.all()) == [culture]


def translate_to_finnish(page):
    finnish = Locale.objects.get(language_code="fi")
    creator = TranslationCreator(user=None, target_locales=[finnish])
    creator.create_translations(page)
    (translation,) = [each for translations in creator.mappings.values() for each in translations]
    translation.save_target(publish=True)
    return translation


def test_a_translation_keeps_the_areas_and_shows_them_in_its_language(admin_client, client):
    """wagtail-localize gives the translation the source's areas; everything that shows or
    filters by them goes by the areas' translation keys, so it is the Finnish areas that count."""
    english_culture = Area.objects.get(locale__language_code="en", slug="culture")
    finnish_culture = Area.objects.get(locale__language_code="fi", slug="culture")
    source = list_page(GalleryIndexPage, "en").add_child(
        instance=GalleryPage(
            title="Aurahov concert photos", slug="aurahov-concert-photos", date=date(2026, 5, 1)
        )
    )
    source.areas.set([english_culture])
    source.save_revision().publish()
    translation = translate_to_finnish(source)
    finnish = translation.get_target_instance()

    assert finnish.local_areas == [finnish_culture]
    assert finnish in GalleryPage.in_area(finnish_culture).filter(locale=finnish.locale)
    html = client.get(finnish.url).content.decode()
    assert "Kulttuuri" in html and "Culture" not in html

    # Once it is no longer synchronised, its editors use the page editor: the same area is
    # ticked, in Finnish, and saving keeps it (as the Finnish area).
    Translation.objects.filter(pk=translation.pk).update(enabled=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=(finnish.pk,))
    offered, ticked = offered_areas(admin_client.get(edit_url))
    assert offered == area_ids("fi")
    assert ticked == {finnish_culture.pk}
    form = nested_form_data(
        {
            "title": finnish.title,
            "slug": finnish.slug,
            "date": "2026-05-01",
            "gallery_images": inline_formset([]),
        }
    )
    response = admin_client.post(edit_url, {**form, "areas": sorted(ticked)})
    assert response.status_code == 302
    assert list(GalleryPage.objects.get(pk=finnish.pk).areas.all()) == [finnish_culture]
