"""Translators submit translations for review; only a moderator publishes them."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, TaskState
from wagtail_localize.models import StringTranslation
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnish_draft_translation():
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="Volunteers wanted", intro="Help us at the festival.")
    home.add_child(instance=page)
    page.save_revision().publish()
    finnish = Locale.objects.get(language_code="fi")
    creator = TranslationCreator(user=None, target_locales=[finnish])
    creator.create_translations(StandardPage.objects.get(pk=page.pk))
    translation = next(iter(creator.mappings.values()))[0]
    po = translation.export_po()
    answers = {
        "Volunteers wanted": "Vapaaehtoisia kaivataan",
        "volunteers-wanted": "vapaaehtoisia-kaivataan",
        "Help us at the festival.": "Auta meitä festivaaleilla.",
    }
    for entry in po:
        entry.msgstr = answers.get(entry.msgid, "")
    translation.import_po(po)
    target = page.get_translation(finnish)
    return translation, target


def test_new_translations_start_as_drafts(finnish_draft_translation):
    _translation, target = finnish_draft_translation
    assert not target.live


def test_translator_sees_submit_for_review_and_cannot_publish(
    client, demo_user, finnish_draft_translation
):
    translation, target = finnish_draft_translation
    client.force_login(demo_user("translator-fi"))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[target.id]))
    assert editor.status_code == 200
    assert "Submit for review" in editor.content.decode()
    publish = client.post(
        reverse("wagtailadmin_pages:edit", args=[target.id]), {"action": "publish"}
    )
    assert publish.status_code in (302, 403)  # Wagtail sends the refused user back to the dashboard
    target.refresh_from_db()
    assert not target.live


def test_translator_cannot_edit_another_locale(client, demo_user, finnish_draft_translation):
    _translation, target = finnish_draft_translation
    client.force_login(demo_user("translator-ru"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.id]))
    assert response.status_code in (302, 403)
    english = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.id])).status_code in (
        302,
        403,
    )


def test_submitted_translation_waits_for_a_moderator(client, demo_user, finnish_draft_translation):
    translation, target = finnish_draft_translation
    client.force_login(demo_user("translator-fi"))
    response = client.post(reverse("submit_translation_for_review", args=[translation.id]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.live
    state = target.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert client.get(target.url).status_code == 404 if target.url else True

    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(demo_user("moderator"))
    approve = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[target.id, "approve", task_state.id],
        ),
        {"comment": ""},
    )
    assert approve.status_code in (200, 302)
    target.refresh_from_db()
    assert target.live
    assert target.title == "Vapaaehtoisia kaivataan"
    client.logout()
    html = client.get(target.url).content.decode()
    assert "Auta meitä festivaaleilla." in html


def test_translator_downloads_and_uploads_a_po_file(client, demo_user, finnish_draft_translation):
    translation, _target = finnish_draft_translation
    client.force_login(demo_user("translator-fi"))
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment; filename=")
    po = polib.pofile(download.content.decode())
    entry = next(e for e in po if e.msgid == "Help us at the festival.")
    assert entry.msgstr == "Auta meitä festivaaleilla."
    entry.msgstr = "Tule auttamaan festivaaleille."
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {
            "file": SimpleUploadedFile(
                "fi.po", str(po).encode(), content_type="text/x-gettext-translation"
            )
        },
    )
    assert upload.status_code == 302
    again = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        ).content.decode()
    )
    assert (
        next(e for e in again if e.msgid == "Help us at the festival.").msgstr
        == "Tule auttamaan festivaaleille."
    )


def test_machine_translation_fills_missing_segments(client, demo_user, finnish_draft_translation):
    translation, _target = finnish_draft_translation
    StringTranslation.objects.filter(
        translation_of__data="Help us at the festival.", locale=translation.target_locale
    ).delete()
    client.force_login(demo_user("translator-fi"))
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.id]))
    assert response.status_code == 302
    machine = StringTranslation.objects.get(
        translation_of__data="Help us at the festival.", locale=translation.target_locale
    )
    assert machine.translation_type == "machine"
    assert machine.data  # the dummy translator of development and tests reverses the words


def test_translator_dashboard_lists_untranslated_and_out_of_date_pages(
    client, demo_user, finnish_draft_translation
):
    translation, target = finnish_draft_translation
    home = HomePage.objects.get(locale__language_code="en")
    new_page = StandardPage(title="Brand new English page")
    home.add_child(instance=new_page)
    new_page.save_revision().publish()
    source_page = translation.source.get_source_instance()
    source_page.intro = "Help us at the autumn festival."
    source_page.save_revision().publish()

    client.force_login(demo_user("translator-fi"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="translation-work-heading"')[1]
    assert "Brand new English page" in panel
    assert reverse("translation_changes", args=[translation.id]) in panel
    assert "Welcome" not in panel  # translated and unchanged


def test_a_changed_translation_of_a_live_page_stays_private_until_approved(client, demo_user):
    welcome_fi = StandardPage.objects.get(locale__language_code="fi", slug="tervetuloa")
    source = welcome_fi.get_translation(Locale.objects.get(language_code="en"))
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=welcome_fi.locale
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgstr.startswith("Baltic Regionilla on erittäin myönteinen maine"):
            entry.msgstr = "Uusi, vielä tarkistamaton johdanto."
    translation.import_po(po)

    client.force_login(demo_user("translator-fi"))
    assert (
        client.post(reverse("submit_translation_for_review", args=[translation.id])).status_code
        == 302
    )
    client.logout()
    public = client.get(welcome_fi.url).content.decode()
    assert "Uusi, vielä tarkistamaton johdanto." not in public
    assert "Baltic Regionilla on erittäin myönteinen maine" in public

    state = StandardPage.objects.get(pk=welcome_fi.pk).current_workflow_state
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(demo_user("moderator"))
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[welcome_fi.id, "approve", task_state.id]
        ),
        {"comment": ""},
    )
    client.logout()
    assert "Uusi, vielä tarkistamaton johdanto." in client.get(welcome_fi.url).content.decode()
