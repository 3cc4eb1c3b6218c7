"""Snippets are reviewed like pages (8ca165d): editors and translators write drafts, a moderator
approves them, and visitors see only what was approved. Everything here goes through the admin's
real views and is judged by what an anonymous visitor then gets on the public pages."""

import datetime
import re
from decimal import Decimal
from io import StringIO
from urllib.parse import urlencode

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core.models import Area, Person
from core.snippet_history import give_live_snippets_a_first_revision
from events.models import EventIndexPage, EventPage, Venue
from home.models import PeoplePage, PeoplePagePerson

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "Katselmointikatu 7\n20100 Turku"
NEW_ADDRESS_SHOWN = "Katselmointikatu 7"
NEW_ADDRESS_IN_CALENDAR = "Katselmointikatu 7, 20100 Turku"
NEW_FINNISH_NAME = "Katselmoitu kerhotila"


# The admin ---------------------------------------------------------------------------------


@pytest.fixture
def log_in(client, demo_user):
    """Signs the test's client in as a demo user and returns it."""

    def as_user(username):
        client.force_login(demo_user(username))
        return client

    return as_user


def snippet_url(snippet, view, *args):
    meta = snippet._meta
    return reverse(
        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{view}", args=[snippet.pk, *args]
    )


def add_url(model, language="en"):
    meta = model._meta
    return (
        reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:add") + f"?locale={language}"
    )


def venue_form(venue, **changes):
    """The venue's edit form as the admin posts it, with ``changes``."""
    fields = {
        "name": venue.name,
        "address": venue.address,
        "latitude": venue.latitude if venue.latitude is not None else "",
        "longitude": venue.longitude if venue.longitude is not None else "",
        "accessibility": venue.accessibility,
    }
    return {**fields, **changes}


def post_edit(client, venue, action=None, **changes):
    """Posts the venue's editor; ``action`` is the action menu's button ("submit", "publish"),
    none for "Save draft"."""
    data = venue_form(venue, **changes)
    if action:
        data[f"action-{action}"] = "1"
    return client.post(snippet_url(venue, "edit"), data)


def fresh(snippet):
    return type(snippet).objects.get(pk=snippet.pk)


def in_review(snippet):
    state = fresh(snippet).current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def approve(client, snippet):
    """The moderator's "Approve and publish" on the snippet's review task."""
    task_state = fresh(snippet).current_workflow_task_state
    response = client.post(snippet_url(snippet, "workflow_action", "approve", task_state.id))
    assert response.status_code == 302
    assert not in_review(snippet)


def refused(response):
    """Wagtail's admin refuses with a 403, or by sending the user to the dashboard, which then
    says they do not have permission."""
    if response.status_code == 403:
        return True
    if response.status_code != 302 or response.url != reverse("wagtailadmin_home"):
        return False
    return "you do not have permission" in response.client.get(response.url).content.decode()


def translation_into(snippet):
    """wagtail-localize's translation whose target is ``snippet``."""
    return Translation.objects.get(
        source__object_id=snippet.translation_key, target_locale=snippet.locale
    )


def segment_of(translation, field):
    return StringSegment.objects.get(source=translation.source, context__path=field)


def translation_memory(translation, field):
    """What wagtail-localize holds as the translation of ``field`` into the target language."""
    segment = segment_of(translation, field)
    return list(
        StringTranslation.objects.filter(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
        ).values_list("data", flat=True)
    )


def translate_segment(client, translation, field, text):
    """What the translation editor sends when the translator saves one segment."""
    segment = segment_of(translation, field)
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )


def submit_translation(client, translation):
    return client.post(reverse("submit_translation_for_review", args=[translation.id]))


def listed_venues(client, **filters):
    """The ids of the venues the admin's list shows with ``filters``."""
    response = client.get(reverse("wagtailsnippets_events_venue:list"), filters)
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'data-object-id="(\d+)"', response.content.decode())}


# What visitors get -------------------------------------------------------------------------


def public_html(url, **query):
    response = Client().get(url, query)
    assert response.status_code == 200, url
    return response.content.decode()


def shown_venue(event):
    """What the event page shows under "Where": the venue's name, address and map link."""
    html = public_html(EventPage.objects.get(pk=event.pk).url)
    facts = html.split('<dl class="facts">')[1].split("</dl>")[0]
    return re.findall(r"<dd>(.*?)</dd>", facts, re.S)[1]


def calendar_locations(event):
    """The LOCATION of each occurrence in the event's .ics file."""
    page = EventPage.objects.get(pk=event.pk)
    response = Client().get(page.url + page.reverse_subpage("ics"))
    assert response.status_code == 200
    return [str(entry["LOCATION"]) for entry in Calendar.from_ical(response.content).walk("VEVENT")]


def what_visitors_see(event):
    return shown_venue(event), calendar_locations(event)


# The demo content --------------------------------------------------------------------------


def locale(language):
    return Locale.objects.get(language_code=language)


@pytest.fixture
def event():
    """A live English event of the demo that takes place at a venue."""
    return (
        EventPage.objects.live()
        .filter(locale__language_code="en", venue__isnull=False)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def venue(event):
    return event.venue


def in_finnish(english):
    return english.get_translation(locale("fi"))


def in_every_language(english):
    """The English page or snippet and its Finnish and Russian translations, by language."""
    return {language: english.get_translation(locale(language)) for language in ("en", "fi", "ru")}


def people_page_listing(person):
    """The English people page, published with ``person`` among its people. (Arranged as a
    moderator would have published it: the page is not what these tests look at.)"""
    page = PeoplePage.objects.get(locale__language_code="en")
    page.people.add(PeoplePagePerson(person=person))
    page.save_revision().publish()
    return PeoplePage.objects.get(pk=page.pk)


# 1. An editor's change to a live venue -----------------------------------------------------


def test_editors_venue_change_is_public_only_once_a_moderator_approves_it(log_in, event, venue):
    before = what_visitors_see(event)

    response = post_edit(log_in("editor"), venue, "submit", address=NEW_ADDRESS)
    assert response.status_code == 302
    assert in_review(venue)
    assert what_visitors_see(event) == before

    approve(log_in("moderator"), venue)
    shown, locations = what_visitors_see(event)
    assert NEW_ADDRESS_SHOWN in shown
    assert locations and all(NEW_ADDRESS_IN_CALENDAR in location for location in locations)


def test_editors_draft_of_a_venue_is_not_public(log_in, event, venue):
    before = what_visitors_see(event)
    response = post_edit(log_in("editor"), venue, address=NEW_ADDRESS)
    assert response.status_code == 302
    assert fresh(venue).has_unpublished_changes
    assert what_visitors_see(event) == before


def test_editor_cannot_publish_a_venue(log_in, event, venue):
    before = what_visitors_see(event)
    post_edit(log_in("editor"), venue, "publish", address=NEW_ADDRESS)
    assert fresh(venue).live_revision_id == venue.live_revision_id
    assert what_visitors_see(event) == before


@pytest.mark.parametrize("view", ["unpublish", "delete"])
def test_editor_cannot_unpublish_or_delete_a_live_venue(log_in, event, venue, view):
    before = what_visitors_see(event)
    editor = log_in("editor")
    assert refused(editor.get(snippet_url(venue, view)))
    assert refused(editor.post(snippet_url(venue, view)))
    assert fresh(venue).live
    assert what_visitors_see(event) == before


# 2. New snippets -------------------------------------------------------------------------


def test_new_area_is_on_the_schedule_only_once_approved(log_in):
    schedule = EventIndexPage.objects.get(locale__language_code="en")
    response = log_in("editor").post(
        add_url(Area),
        {
            "name": "Review beekeeping",
            "slug": "review-beekeeping",
            "colour": Area._meta.get_field("colour").default,
            "description": "",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    area = Area.objects.get(slug="review-beekeeping")
    assert not area.live and in_review(area)
    assert Client().get(schedule.url, {"area": area.slug}).status_code == 404
    assert "Review beekeeping" not in public_html(schedule.url)

    approve(log_in("moderator"), area)
    assert "Review beekeeping" in public_html(schedule.url)
    assert "Review beekeeping" in public_html(schedule.url, area=area.slug)


def test_new_person_is_on_the_people_page_only_once_approved(log_in):
    response = log_in("editor").post(
        add_url(Person),
        {
            "name": "Reviewed Newcomer",
            "role": "",
            "bio": "",
            "email": "",
            "phone": "",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Reviewed Newcomer")
    assert not person.live and in_review(person)
    people_page = people_page_listing(person)
    assert "Reviewed Newcomer" not in public_html(people_page.url)

    approve(log_in("moderator"), person)
    assert "<h3>Reviewed Newcomer</h3>" in public_html(people_page.url)


# 3. A translator's translation of a venue --------------------------------------------------


def test_finnish_venue_translation_is_public_only_once_a_moderator_approves_it(
    log_in, event, venue
):
    event_fi, venue_fi = in_finnish(event), in_finnish(venue)
    translation = translation_into(venue_fi)
    before = shown_venue(event_fi)

    translator = log_in("translator-fi")
    editor = translator.get(snippet_url(venue_fi, "edit"))
    assert editor.status_code == 200
    html = editor.content.decode()
    assert 'class="js-translation-editor"' in html
    assert reverse("submit_translation_for_review", args=[translation.id]) in html
    saved = translate_segment(translator, translation, "name", NEW_FINNISH_NAME)
    assert saved.status_code in (200, 201)
    assert shown_venue(event_fi) == before

    assert submit_translation(translator, translation).status_code == 302
    assert in_review(venue_fi)
    assert shown_venue(event_fi) == before

    approve(log_in("moderator"), venue_fi)
    assert NEW_FINNISH_NAME in shown_venue(event_fi)
    assert NEW_FINNISH_NAME not in shown_venue(event)


# 4. Scheduled publishing -------------------------------------------------------------------


def test_scheduled_venue_change_goes_public_when_its_time_comes(log_in, event, venue):
    before = shown_venue(event)
    moderator = log_in("moderator")
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    response = post_edit(
        moderator,
        venue,
        "publish",
        address=NEW_ADDRESS,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    assert response.status_code == 302
    call_command("publish_scheduled", stdout=StringIO())
    assert shown_venue(event) == before

    with time_machine.travel(go_live + datetime.timedelta(hours=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
        assert NEW_ADDRESS_SHOWN in shown_venue(event)


# 5. Translators keep to their own language -------------------------------------------------

ANOTHER_LANGUAGE = [
    ("translator-fi", "en"),
    ("translator-fi", "ru"),
    ("translator-ru", "en"),
    ("translator-ru", "fi"),
]
ANOTHER_TRANSLATION = [("translator-fi", "ru"), ("translator-ru", "fi")]


class VenuesAsTheyWere:
    """The venue in each language, and what the test started from: what its event page shows
    visitors, its revisions, whether it is in review or locked."""

    def __init__(self, event, venue):
        self.events = in_every_language(event)
        self.venues = in_every_language(venue)
        self.before = {language: self.state(language) for language in self.venues}

    def state(self, language):
        stored = fresh(self.venues[language])
        return {
            "shown": shown_venue(self.events[language]),
            "revisions": stored.revisions.count(),
            "in review": in_review(stored),
            "locked": stored.locked,
        }

    def __getitem__(self, language):
        return self.venues[language]

    def assert_untouched(self, language):
        assert self.state(language) == self.before[language]


@pytest.fixture
def venues(event, venue):
    return VenuesAsTheyWere(event, venue)


@pytest.mark.parametrize("username, language", ANOTHER_LANGUAGE)
def test_translator_cannot_open_another_languages_venue(log_in, venues, username, language):
    assert refused(log_in(username).get(snippet_url(venues[language], "edit")))


@pytest.mark.parametrize("username, language", ANOTHER_LANGUAGE)
def test_translator_cannot_save_another_languages_venue(log_in, venues, username, language):
    other = venues[language]
    for action in (None, "submit", "publish"):
        assert refused(post_edit(log_in(username), other, action, name="Not my language"))
    venues.assert_untouched(language)


@pytest.mark.parametrize("username, language", ANOTHER_LANGUAGE)
def test_translator_cannot_revert_another_languages_venue(log_in, venues, username, language):
    other = venues[language]
    first = other.revisions.order_by("created_at", "pk").first()
    response = log_in(username).post(
        snippet_url(other, "revisions_revert", first.pk),
        venue_form(other, name="Not my language") | {"action-publish": "1"},
    )
    assert refused(response)
    venues.assert_untouched(language)


@pytest.mark.parametrize("username, language", ANOTHER_LANGUAGE)
def test_translator_cannot_lock_another_languages_venue(log_in, venues, username, language):
    assert refused(log_in(username).post(snippet_url(venues[language], "lock")))
    venues.assert_untouched(language)


@pytest.mark.parametrize("username, language", ANOTHER_TRANSLATION)
def test_translator_cannot_submit_another_languages_translation(log_in, venues, username, language):
    assert refused(submit_translation(log_in(username), translation_into(venues[language])))
    venues.assert_untouched(language)


# wagtail-localize's translation views check only the model-wide "change venue" right;
# core.upstream.patch_localize_instance_edit_check adds the snippet's language.
@pytest.mark.parametrize("username, language", ANOTHER_TRANSLATION)
def test_translator_cannot_write_another_languages_translation_memory(
    log_in, venues, username, language
):
    translation = translation_into(venues[language])
    before = translation_memory(translation, "name")
    response = translate_segment(log_in(username), translation, "name", "Not my language")
    assert response.status_code == 403
    assert translation_memory(translation, "name") == before


@pytest.mark.parametrize("username, language", ANOTHER_TRANSLATION)
def test_translator_cannot_stop_another_languages_translation(log_in, venues, username, language):
    translation = translation_into(venues[language])
    stop_url = reverse("wagtail_localize:stop_translation", args=[translation.id])
    assert refused(log_in(username).post(stop_url))
    translation.refresh_from_db()
    assert translation.enabled


# 6. The admin's list of venues -------------------------------------------------------------


def test_venue_list_filters_on_status_review_and_language(log_in, venue):
    editor = log_in("editor")
    response = editor.post(add_url(Venue), venue_form(Venue(name="Draft review hall")))
    assert response.status_code == 302
    draft = Venue.objects.get(name="Draft review hall")
    assert post_edit(editor, venue, "submit", address=NEW_ADDRESS).status_code == 302

    moderator = log_in("moderator")
    assert draft.pk in listed_venues(moderator, live="false")
    assert listed_venues(moderator, live="false") == set(
        Venue.objects.filter(live=False).values_list("pk", flat=True)
    )
    assert listed_venues(moderator, in_review="true") == {venue.pk}
    finnish = set(Venue.objects.filter(locale=locale("fi")).values_list("pk", flat=True))
    assert finnish and listed_venues(moderator, locale="fi") == finnish


# 7. Preview ---------------------------------------------------------------------------------


def test_preview_shows_the_venue_as_its_event_page_does_in_its_language(log_in, event, venue):
    event_fi, venue_fi = in_finnish(event), in_finnish(venue)
    moderator = log_in("moderator")
    preview_url = snippet_url(venue_fi, "preview_on_edit")
    # What the editor's preview panel does: post the form, then load the preview.
    assert moderator.post(preview_url, venue_form(venue_fi)).json()["is_valid"]
    preview = moderator.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert '<html lang="fi"' in html
    assert shown_venue(event_fi) in html


# 8. The migrations' first revisions -------------------------------------------------------


def test_live_venue_without_revisions_gets_a_live_revision_matching_its_row(venue):
    # As the migration finds the rows: live (the field's default), with no revision.
    hall = Venue.objects.create(
        locale=venue.locale,
        name="Migrated hall",
        address="Siirtokatu 1\n20100 Turku",
        latitude=Decimal("60.451000"),
        longitude=Decimal("22.266000"),
        accessibility="Step-free entrance.",
    )
    assert hall.live and hall.live_revision_id is None

    give_live_snippets_a_first_revision(apps, None, "events.Venue")

    stored = fresh(hall)
    revision = stored.live_revision
    assert revision is not None and stored.latest_revision_id == revision.pk
    assert list(stored.revisions.all()) == [revision]
    assert stored.live and not stored.has_unpublished_changes
    as_revised = revision.as_object()
    for field in ("name", "address", "latitude", "longitude", "accessibility"):
        assert getattr(as_revised, field) == getattr(stored, field), field
    assert revision.content["locale"] == stored.locale_id
    assert revision.content["translation_key"] == str(stored.translation_key)
    assert fresh(venue).live_revision_id == venue.live_revision_id
