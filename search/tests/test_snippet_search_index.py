"""Renaming (or deleting) a venue or a person changes what finds the pages that name them,
at once, without saving those pages again. Exact new words, so the same on PostgreSQL and on
SQLite's full-text search."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Person
from culture.models import ActivityPage, SectionPage
from events.models import EventIndexPage, EventOccurrence, EventPage, Venue
from home.models import PeoplePage, PeoplePagePerson
from publications.models import PublicationAuthor, PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def found(client, query, language="en"):
    """Titles of the pages the public search lists."""
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    return re.findall(r'<li class="search-result[^"]*">\s*<h[23]><a href="[^"]*">([^<]*)</a>', html)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def english(model):
    return model.objects.filter(locale__language_code="en").first()


@pytest.fixture
def venue():
    return Venue.objects.create(name="Zorblatt Hall", locale=english(EventIndexPage).locale)


@pytest.fixture
def event(venue):
    page = EventPage(title="Spring choir concert", slug="spring-choir-concert", venue=venue)
    page.occurrences.add(EventOccurrence(start=timezone.now() + timedelta(days=7)))
    return publish(english(EventIndexPage), page)


@pytest.fixture
def person():
    return Person.objects.create(name="Ilmari Quennelstad", locale=english(EventIndexPage).locale)


def test_renaming_a_venue_in_the_admin_finds_its_events_by_the_new_name(
    admin_client, client, venue, event, django_capture_on_commit_callbacks
):
    assert found(client, "Zorblatt") == ["Spring choir concert"]
    renamed = {
        "name": "Quillane Pavilion",
        "address": "",
        "latitude": "",
        "longitude": "",
        "accessibility": "",
    }
    edit_url = reverse("wagtailsnippets_events_venue:edit", args=(venue.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(edit_url, renamed).status_code == 302
    # A draft is not what visitors search.
    assert found(client, "Quillane") == []
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url, {**renamed, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert found(client, "Quillane") == ["Spring choir concert"]
    assert found(client, "Zorblatt") == []


def test_deleting_a_venue_in_the_admin_leaves_its_name_out_of_the_events_index(
    admin_client, client, venue, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailsnippets_events_venue:delete", args=(venue.pk,))
        )
    assert response.status_code == 302
    assert found(client, "Zorblatt") == []
    assert found(client, "Spring choir concert") == ["Spring choir concert"]


def test_renaming_a_person_finds_every_page_that_names_them(
    admin_client, client, person, django_capture_on_commit_callbacks
):
    activity = ActivityPage(
        title="Pottery club", slug="pottery-club-q", leader=person, languages=["en"]
    )
    publish(english(SectionPage), activity)
    publication = PublicationPage(title="Annual report of the potters", slug="potters-report")
    publication.authors.add(PublicationAuthor(person=person))
    publish(english(PublicationIndexPage), publication)
    people_page = PeoplePage.objects.get(locale__language_code="en")
    people_page.people.add(PeoplePagePerson(person=person))
    people_page.save_revision().publish()
    expected = sorted(["Pottery club", "Annual report of the potters", people_page.title])
    assert sorted(found(client, "Quennelstad")) == expected

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailsnippets_core_person:edit", args=(person.pk,)),
            {
                "name": "Ilmari Vorrendahl",
                "role": "",
                "bio": "",
                "email": "",
                "phone": "",
                "action-publish": "action-publish",
            },
        )
    assert response.status_code == 302
    assert sorted(found(client, "Vorrendahl")) == expected
    assert found(client, "Quennelstad") == []


def test_a_person_added_to_the_people_page_is_found_once_it_is_published(client, person):
    """Wagtail indexes a page when its row is saved, before its inline rows (the people): the
    page is indexed again once they are."""
    people_page = PeoplePage.objects.get(locale__language_code="en")
    people_page.people.add(PeoplePagePerson(person=person))
    people_page.save_revision().publish()
    assert found(client, "Quennelstad") == [people_page.title]
