"""The benchmark's generated site: pages inserted in bulk are whole pages, translated, listed,
scheduled and found like pages saved in the admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core import upstream
from events.models import EventIndexPage, EventPage
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fi", "ru"]


@pytest.fixture
def generated():
    call_command(
        "generate_bench_content",
        "--events=6",
        "--publications=4",
        "--galleries=2",
        "--activities=2",
        "--gallery-images=2",
        stdout=StringIO(),
    )


def bench_page(model, slug, language):
    return model.objects.get(slug=slug, locale__language_code=language)


def test_the_tree_stays_valid(generated):
    assert all(not problems for problems in Page.find_problems())
    for index in EventIndexPage.objects.all():
        assert index.numchild == index.get_children().count()


def assert_shown_listed_and_found(client, page, language):
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.text
    assert page.title in client.get(page.get_parent().url).text
    search = client.get(f"/{language}/search/", {"q": page.title})
    assert page.url in search.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_is_a_translation_shown_in_the_schedule_and_found(client, generated, language):
    # Event 3 of 6 starts now: the soonest of the generated events still to come.
    event = bench_page(EventPage, "bench-event-3", language)
    original = bench_page(EventPage, "bench-event-3", "en")
    assert event.translation_key == original.translation_key
    assert event.get_parent().specific == EventIndexPage.objects.get(locale=event.locale)
    assert event.occurrences.count() == original.occurrences.count() == 1

    assert_shown_listed_and_found(client, event, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_publication_is_a_translation_listed_and_found(client, generated, language):
    publication = bench_page(PublicationPage, "bench-publication-0", language)
    assert (
        publication.translation_key
        == bench_page(PublicationPage, "bench-publication-0", "en").translation_key
    )
    assert publication.get_parent().specific == PublicationIndexPage.objects.get(
        locale=publication.locale
    )

    assert_shown_listed_and_found(client, publication, language)


def test_the_first_event_opens_in_the_translation_editor(client, generated, admin_user):
    event = bench_page(EventPage, "bench-event-0", "fi")
    assert upstream.enabled_translation_of(event) is not None
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    assert upstream.TRANSLATION_EDITOR_MARKUP in response.text
