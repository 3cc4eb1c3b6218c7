"""Routes around review found by trying each role (issue 20), each through the admin's real
views and judged by what an anonymous visitor then sees."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

UNREVIEWED = "Tarkistamaton otsikko"


def public_html(page):
    response = Client().get(Page.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    return response.content.decode()


def refused(response):
    """Wagtail's admin answers a refused action by sending the user back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def locale(code):
    return Locale.objects.get(language_code=code)


def translate_in_memory(translation, answers):
    """What the translation editor does with each segment a translator types: translation
    memory only, no page is written."""
    po = translation.export_po()
    for entry in po:
        if entry.msgid in answers:
            entry.msgstr = answers[entry.msgid]
    translation.import_po(po)


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def workflow_action(client, page, action, comment=""):
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, action, task_state.id])
    return client.post(url, {"comment": comment})


@pytest.fixture
def welcome_fi():
    return StandardPage.objects.get(locale__language_code="fi", slug="tervetuloa")


def test_convert_to_alias_is_refused_to_editors_and_translators(client, demo_user, welcome_fi):
    """Finding 2, and the first step of finding 1: the approved translation stays."""
    welcome_ru = welcome_fi.get_translation(locale("ru"))
    before = {page.pk: public_html(page) for page in (welcome_fi, welcome_ru)}
    for username, page in [
        ("editor", welcome_fi),
        ("translator-fi", welcome_fi),
        ("translator-ru", welcome_ru),
    ]:
        client.force_login(demo_user(username))
        url = reverse("wagtail_localize:convert_to_alias", args=[page.id])
        assert refused(client.post(url)), username
        assert Page.objects.get(pk=page.pk).alias_of_id is None
        assert translation_of(page)
        assert public_html(page) == before[page.pk]


def test_a_moderator_may_still_convert_a_translation_to_an_alias(client, demo_user, welcome_fi):
    client.force_login(demo_user("moderator"))
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[welcome_fi.id]))
    assert response.status_code == 302
    assert Page.objects.get(pk=welcome_fi.pk).alias_of_id is not None


def test_translator_start_on_a_live_placeholder_keeps_it_until_approved(
    client, demo_user, english_with_placeholder
):
    """Finding 1 and 5: translating the public placeholder makes a draft, not the Finnish page."""
    english, placeholder = english_with_placeholder
    assert placeholder.live
    before = public_html(placeholder)
    assert '<meta name="robots" content="noindex">' in before

    client.force_login(demo_user("translator-fi"))
    start = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english.id]),
        {"locales": [locale("fi").id]},
    )
    assert start.status_code == 302
    translation = translation_of(placeholder)
    translate_in_memory(translation, {"Volunteers wanted": UNREVIEWED, "Help us.": "Auta meitä."})
    assert public_html(placeholder) == before

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[placeholder.id]))
    assert editor.status_code == 200
    assert (
        reverse("submit_translation_for_review", args=[translation.id]) in editor.content.decode()
    )
    assert (
        client.post(reverse("submit_translation_for_review", args=[translation.id])).status_code
        == 302
    )
    assert public_html(placeholder) == before
    assert UNREVIEWED not in public_html(placeholder)

    client.force_login(demo_user("moderator"))
    assert workflow_action(client, placeholder, "approve").status_code in (200, 302)
    approved = Page.objects.get(pk=placeholder.pk)
    assert approved.alias_of_id is None and approved.title == UNREVIEWED
    html = public_html(placeholder)
    assert "Auta meitä." in html
    assert '<meta name="robots" content="noindex">' not in html


def test_translator_cannot_write_a_live_translation_through_localize(client, demo_user, welcome_fi):
    """Finding 1's last step on a live translation: wagtail-localize's "restart translation"
    and any other route that calls ``save_target`` leave the public page as it was."""
    translation = translation_of(welcome_fi)
    translate_in_memory(translation, {welcome_fi.title: UNREVIEWED})
    before = public_html(welcome_fi)
    translation.enabled = False
    translation.save()
    client.force_login(demo_user("translator-fi"))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[welcome_fi.id]),
        {"localize-restart-translation": "1"},
    )
    assert public_html(welcome_fi) == before


def test_submit_for_review_needs_edit_rights_on_the_target(client, demo_user, welcome_fi):
    translation = translation_of(welcome_fi)
    revisions = Revision.objects.filter(object_id=str(welcome_fi.pk)).count()
    client.force_login(demo_user("translator-ru"))
    response = client.post(reverse("submit_translation_for_review", args=[translation.id]))
    assert refused(response)
    assert Revision.objects.filter(object_id=str(welcome_fi.pk)).count() == revisions
    assert Page.objects.get(pk=welcome_fi.pk).specific.current_workflow_state is None


def test_submitting_again_while_in_review_saves_nothing_and_says_so(client, demo_user, welcome_fi):
    translation = translation_of(welcome_fi)
    translate_in_memory(translation, {welcome_fi.title: UNREVIEWED})
    client.force_login(demo_user("translator-fi"))
    url = reverse("submit_translation_for_review", args=[translation.id])
    client.post(url)
    reviewed = Page.objects.get(pk=welcome_fi.pk).specific.current_workflow_task_state.revision_id
    revisions = Revision.objects.filter(object_id=str(welcome_fi.pk)).count()
    translate_in_memory(translation, {welcome_fi.title: "Vielä uudempi otsikko"})
    response = client.post(url, follow=True)
    assert "already waiting for review, so nothing was saved" in response.content.decode()
    assert Revision.objects.filter(object_id=str(welcome_fi.pk)).count() == revisions
    page = Page.objects.get(pk=welcome_fi.pk).specific
    assert page.current_workflow_task_state.revision_id == reviewed


def submit_every_language(client, demo_user, text):
    english = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    versions = [
        p.specific
        for p in english.get_translations(inclusive=True).order_by("locale__language_code")
    ]
    for version in versions:
        version.intro = f"{text} ({version.locale.language_code})"
        version.save_revision(user=demo_user("editor"))
        version.get_workflow().start(version, demo_user("editor"))
    return versions


def test_scheduled_release_publishes_exactly_the_reviewed_revisions_at_one_moment(
    client, demo_user
):
    """Finding 3: nothing goes live before the chosen moment, then every language together."""
    versions = submit_every_language(client, demo_user, "Reviewed text")
    before = {version.pk: public_html(version) for version in versions}
    client.force_login(demo_user("moderator"))
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(
        reverse("release_in_all_languages", args=[versions[0].id]),
        {"go_live_at": go_live.strftime("%Y-%m-%d %H:%M"), "comment": ""},
    )
    assert response.status_code == 302
    for version in versions:
        assert public_html(version) == before[version.pk], version.locale.language_code
    with time_machine.travel(go_live + datetime.timedelta(minutes=2)):
        call_command("publish_scheduled")
    for version in versions:
        assert f"Reviewed text ({version.locale.language_code})" in public_html(version)


def test_release_refuses_when_a_version_changed_after_it_was_submitted(client, demo_user):
    """Finding 3: a draft saved during the review goes live neither at once nor later."""
    versions = submit_every_language(client, demo_user, "Reviewed text")
    newer = StandardPage.objects.get(pk=versions[1].pk)
    newer.intro = "Newer draft nobody reviewed"
    newer.save_revision(user=demo_user("editor"))
    before = {version.pk: public_html(version) for version in versions}
    client.force_login(demo_user("moderator"))
    url = reverse("release_in_all_languages", args=[versions[0].id])
    assert "changed after it was submitted" in client.get(url).content.decode()
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(url, {"go_live_at": go_live.strftime("%Y-%m-%d %H:%M")}, follow=True)
    assert "Nothing was released: Suomi changed after being submitted." in response.content.decode()
    with time_machine.travel(go_live + datetime.timedelta(minutes=2)):
        call_command("publish_scheduled")
    for version in versions:
        assert public_html(version) == before[version.pk], version.locale.language_code


def test_release_says_what_it_left_and_never_publishes_unsubmitted_drafts(client, demo_user):
    """Finding 6."""
    versions = submit_every_language(client, demo_user, "Reviewed text")
    finnish, russian = versions[1], versions[2]
    client.force_login(demo_user("moderator"))
    assert workflow_action(
        client, finnish, "reject", comment="Tarkista päivämäärä."
    ).status_code in (200, 302)
    russian_state = Page.objects.get(pk=russian.pk).specific.current_workflow_state
    russian_state.cancel(user=demo_user("moderator"))

    screen = client.get(reverse("release_in_all_languages", args=[versions[0].id])).content.decode()
    assert "changes requested: will not be released" in screen
    assert "draft not submitted for review: will not be released" in screen
    assert (
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[versions[0].id, "live", versions[0].get_latest_revision().id],
        )
        in screen
    )
    assert "admin/js/date-time-chooser.js" in screen or "datetimepicker" in screen

    response = client.post(
        reverse("release_in_all_languages", args=[versions[0].id]),
        {"go_live_at": "", "comment": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "Published: English." in html
    assert "Not released: Suomi, Русский. They stay as they are" in html
    assert "Reviewed text (en)" in public_html(versions[0])
    assert "Reviewed text (fi)" not in public_html(finnish)
    assert "Reviewed text (ru)" not in public_html(russian)


def test_editors_cannot_release_and_nothing_is_written(client, demo_user):
    versions = submit_every_language(client, demo_user, "Reviewed text")
    reviewed = [
        Page.objects.get(pk=v.pk).specific.current_workflow_task_state.revision for v in versions
    ]
    client.force_login(demo_user("editor"))
    url = reverse("release_in_all_languages", args=[versions[0].id])
    assert refused(client.get(url))
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    assert refused(client.post(url, {"go_live_at": go_live.strftime("%Y-%m-%d %H:%M")}))
    for revision in reviewed:
        revision.refresh_from_db()
        assert "go_live_at" not in revision.content or not revision.content["go_live_at"]


def test_a_picture_a_live_page_shows_changes_only_with_a_moderator(client, demo_user):
    from wagtail.images import get_image_model

    from core.upstream import live_pages_using

    image = next(
        i for i in get_image_model().objects.order_by("pk") if live_pages_using(i).exists()
    )
    image.uploaded_by_user = demo_user("editor")
    image.save()
    page = live_pages_using(image).first()
    form = {
        "title": "Replaced by an editor",
        "collection": image.collection_id,
        "tags": "",
        "description": "New alt text",
    }
    client.force_login(demo_user("editor"))
    response = client.post(reverse("wagtailimages:edit", args=[image.id]), form)
    assert refused(response) or response.status_code == 200
    image.refresh_from_db()
    assert image.title != "Replaced by an editor"
    assert "New alt text" not in public_html(page)
    assert refused(client.post(reverse("wagtailimages:delete", args=[image.id])))
    assert get_image_model().objects.filter(pk=image.pk).exists()

    client.force_login(demo_user("moderator"))
    assert client.post(reverse("wagtailimages:edit", args=[image.id]), form).status_code == 302
    image.refresh_from_db()
    assert image.title == "Replaced by an editor"


def test_sync_translated_pages_does_not_publish_over_a_review(client, demo_user, welcome_fi):
    """Finding 4: a moderator's "Sync translated pages" with "Publish immediately" would publish
    whatever the Finnish translator typed, while that translation is in review."""
    translation = translation_of(welcome_fi)
    translate_in_memory(translation, {welcome_fi.title: UNREVIEWED})
    client.force_login(demo_user("translator-fi"))
    client.post(reverse("submit_translation_for_review", args=[translation.id]))
    translate_in_memory(translation, {welcome_fi.title: "Lähettämätön otsikko"})
    before = public_html(welcome_fi)
    url = sync_publishing_is_refused(client, demo_user, translation, welcome_fi)
    assert client.post(url, {}).status_code == 302
    assert public_html(welcome_fi) == before


def sync_publishing_is_refused(client, demo_user, translation, shown_on):
    """A moderator's "Sync translated …" with "Publish immediately" is refused and the page
    that shows the translation is unchanged; returns the form's address."""
    before = public_html(shown_on)
    client.force_login(demo_user("moderator"))
    url = reverse("wagtail_localize:update_translations", args=[translation.source.id])
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 200
    assert "a translation is waiting for review" in response.content.decode()
    assert public_html(shown_on) == before
    return url


def test_a_placeholder_in_review_is_no_longer_listed_as_not_translated(
    client, demo_user, english_with_placeholder
):
    english, placeholder = english_with_placeholder
    client.force_login(demo_user("translator-fi"))

    def panel():
        return (
            client.get(reverse("wagtailadmin_home"))
            .content.decode()
            .split('id="translation-work-heading"')[1]
        )

    not_translated_link = (
        f'href="{reverse("wagtailadmin_pages:edit", args=[placeholder.id])}">Volunteers wanted</a>'
    )
    assert not_translated_link in panel()
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english.id]),
        {"locales": [locale("fi").id]},
    )
    client.post(reverse("submit_translation_for_review", args=[translation_of(placeholder).id]))
    assert Page.objects.get(pk=placeholder.pk).specific.current_workflow_state
    assert not_translated_link not in panel()


def test_a_new_page_and_its_counterparts_are_saved_all_or_nothing(client, demo_user, monkeypatch):
    """Finding 10: when making the Russian placeholder fails (on SQLite, "database is locked"),
    the English page and its Finnish placeholder are not left behind without it."""
    from django.db import OperationalError
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    copy_for_translation = Page.copy_for_translation

    def locked_for_russian(page, locale, *args, **kwargs):
        if locale.language_code == "ru":
            raise OperationalError("database is locked")
        return copy_for_translation(page, locale, *args, **kwargs)

    monkeypatch.setattr(Page, "copy_for_translation", locked_for_russian)
    home = HomePage.objects.get(locale__language_code="en")
    form = nested_form_data(
        {
            "title": "Half a page",
            "slug": "half-a-page",
            "summary": "",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    client.force_login(demo_user("editor"))
    client.raise_request_exception = False
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.id]), form
    )
    assert response.status_code >= 500
    assert not Page.objects.filter(slug="half-a-page").exists()


def test_publish_in_the_translation_editor_does_not_skip_a_review(client, demo_user, welcome_fi):
    """Finding 4: the localize editor's "Publish in Suomi" would publish the translation memory,
    with edits nobody submitted, over the review in progress."""
    translation = translation_of(welcome_fi)
    client.force_login(demo_user("translator-fi"))
    client.post(reverse("submit_translation_for_review", args=[translation.id]))
    translate_in_memory(translation, {welcome_fi.title: "Lähettämätön otsikko"})
    before = public_html(welcome_fi)
    client.force_login(demo_user("moderator"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[welcome_fi.id]), {"action": "publish"}, follow=True
    )
    assert "This translation is waiting for review" in response.content.decode()
    assert public_html(welcome_fi) == before


@pytest.fixture
def venue_fi_in_review(client, demo_user):
    """A Finnish venue translation a translator submitted, with an edit typed after submitting,
    and the Finnish event page that shows the venue."""
    from events.models import EventPage, Venue

    event = EventPage.objects.filter(venue__locale__language_code="fi", live=True).first()
    venue = Venue.objects.get(pk=event.venue_id)
    translation = translation_of(venue)
    english_name = translation.source.get_source_instance().name
    translate_in_memory(translation, {english_name: "Tarkistamaton paikka"})
    client.force_login(demo_user("translator-fi"))
    client.post(reverse("submit_translation_for_review", args=[translation.id]))
    assert venue.current_workflow_state.status == "in_progress"
    translate_in_memory(translation, {english_name: "Lähettämätön paikka"})
    return venue, translation, event


def test_sync_translated_snippets_does_not_publish_over_a_review(
    client, demo_user, venue_fi_in_review
):
    _venue, translation, event = venue_fi_in_review
    sync_publishing_is_refused(client, demo_user, translation, event)


def test_publish_in_the_snippet_translation_editor_does_not_skip_a_review(
    client, demo_user, venue_fi_in_review
):
    venue, _translation, event = venue_fi_in_review
    before = public_html(event)
    client.force_login(demo_user("moderator"))
    edit_url = reverse("wagtailsnippets_events_venue:edit", args=[venue.pk])
    response = client.post(edit_url, {"action": "publish"}, follow=True)
    assert "This translation is waiting for review" in response.content.decode()
    assert public_html(event) == before
    assert "Tarkistamaton paikka" not in before


def test_a_moderator_approves_the_submitted_snippet_translation_not_later_edits(
    client, demo_user, venue_fi_in_review
):
    venue, _translation, event = venue_fi_in_review
    client.force_login(demo_user("moderator"))
    task_state = venue.current_workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_events_venue:workflow_action", args=[venue.pk, "approve", task_state.id]
    )
    assert client.post(url, {"comment": ""}).status_code == 302
    html = public_html(event)
    assert "Tarkistamaton paikka" in html
    assert "Lähettämätön paikka" not in html
