"""A translator's loop: out-of-date list, what changed in English, update, translate, submit for
review; the public Finnish page changes only when a moderator approves."""

import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from wagtail.models import Locale, TaskState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

OLD_INTRO_FI = "Baltic Regionilla on erittäin myönteinen maine"
NEW_SENTENCE = "Since 2026 we also run a summer school."
NEW_SENTENCE_FI = "Vuodesta 2026 järjestämme myös kesäkoulun."


def in_finnish(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fi"
    profile.save()
    return user


@pytest.fixture
def changed_welcome():
    """The English Welcome page republished with a changed introduction."""
    english = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    english.intro = f"{english.intro} {NEW_SENTENCE}"
    english.save_revision().publish()
    finnish = english.get_translation(Locale.objects.get(language_code="fi"))
    translation = Translation.objects.get(
        source__object_id=english.translation_key,
        source__locale=english.locale,
        target_locale=finnish.locale,
    )
    return translation, english, finnish


def panel_links(html):
    panel = html.split('id="translation-work-heading"')[1].split("</section>")[0]
    return [unescape(url) for url in re.findall(r'href="([^"]+)"', panel)]


def public_finnish(client, page):
    client.logout()
    return client.get(page.url).content.decode()


def editor_props(html):
    return json.loads(
        unescape(re.search(r'class="js-translation-editor" data-props="([^"]+)"', html).group(1))
    )


def test_the_loop_end_to_end(client, demo_user, changed_welcome):
    translation, english, finnish = changed_welcome
    translator = in_finnish(demo_user("translator-fi"))
    changes_url = reverse("translation_changes", args=[translation.id])

    client.force_login(translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert changes_url in panel_links(dashboard)
    assert (
        reverse("wagtail_localize:update_translations", args=[translation.source.id])
        not in dashboard
    )

    changes = client.get(changes_url)
    assert changes.status_code == 200
    html = changes.content.decode()
    assert "Käännettävät muutokset" in html  # the Finnish admin
    assert f"<ins> {NEW_SENTENCE}</ins>" in html

    revisions_before = finnish.revisions.count()
    updated = client.post(changes_url)
    assert updated.status_code == 302
    assert updated["Location"] == reverse("wagtailadmin_pages:edit", args=[finnish.id])
    assert finnish.revisions.count() == revisions_before  # the target page was not written
    assert OLD_INTRO_FI in public_finnish(client, finnish)

    client.force_login(translator)
    editor = client.get(updated["Location"]).content.decode()
    segment = StringSegment.objects.get(
        source=translation.source, context__path="intro", string__data__contains="summer school"
    )
    assert segment.id in [
        s["id"] for s in editor_props(editor)["segments"] if s.get("type") == "string"
    ]
    # What the editor's segment field sends when the translator saves it.
    saved = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": f"{finnish.intro} {NEW_SENTENCE_FI}"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert saved.status_code in (200, 201)
    assert NEW_SENTENCE_FI not in public_finnish(client, finnish)

    client.force_login(translator)
    assert (
        client.post(reverse("submit_translation_for_review", args=[translation.id])).status_code
        == 302
    )
    assert NEW_SENTENCE_FI not in public_finnish(client, finnish)
    assert OLD_INTRO_FI in public_finnish(client, finnish)

    client.force_login(demo_user("moderator"))
    review = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    task_state = TaskState.objects.get(
        workflow_state=StandardPage.objects.get(pk=finnish.pk).current_workflow_state,
        status=TaskState.STATUS_IN_PROGRESS,
    )
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[finnish.id, "approve", task_state.id]
    )
    assert f'action="{approve_url}"' in review
    assert client.post(approve_url).status_code == 302
    assert NEW_SENTENCE_FI in public_finnish(client, finnish)

    client.force_login(translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert changes_url not in panel_links(dashboard)


@pytest.mark.parametrize("username", ["translator-ru", "editor"])
def test_only_the_languages_translators_and_moderators_bring_it_up_to_date(
    client, demo_user, changed_welcome, username
):
    translation, _english, _finnish = changed_welcome
    updated_at = translation.source.last_updated_at
    client.force_login(demo_user(username))
    url = reverse("translation_changes", args=[translation.id])
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    translation.source.refresh_from_db()
    assert translation.source.last_updated_at == updated_at


def test_moderator_may_bring_it_up_to_date(client, demo_user, changed_welcome):
    translation, _english, _finnish = changed_welcome
    client.force_login(demo_user("moderator"))
    assert client.get(reverse("translation_changes", args=[translation.id])).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, changed_welcome):
    translation, _english, _finnish = changed_welcome
    response = client.get(reverse("translation_changes", args=[translation.id]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_or_stopped_translations_are_not_found(client, demo_user, changed_welcome):
    translation, _english, _finnish = changed_welcome
    client.force_login(demo_user("translator-fi"))
    assert client.get(reverse("translation_changes", args=[999999]), follow=True).status_code == 404
    translation.enabled = False
    translation.save()
    assert (
        client.get(reverse("translation_changes", args=[translation.id]), follow=True).status_code
        == 404
    )
    assert client.put(reverse("translation_changes", args=[translation.id])).status_code in (
        404,
        405,
    )


def test_every_dashboard_link_works_for_the_translator(client, demo_user, changed_welcome):
    home = HomePage.objects.get(locale__language_code="en")
    draft = StandardPage(title="Never submitted English draft", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    in_review = StandardPage(title="English page in review", live=False)
    home.add_child(instance=in_review)
    in_review.save_revision()
    in_review.get_workflow().start(in_review, demo_user("editor"))

    client.force_login(demo_user("translator-fi"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="translation-work-heading"')[1].split("</section>")[0]
    assert "Never submitted English draft" not in panel
    assert "English page in review" in panel
    links = panel_links(html)
    assert links
    for url in links:
        assert client.get(url).status_code == 200, url


def test_translator_editor_has_submit_for_review_as_its_main_button(
    client, demo_user, changed_welcome
):
    _translation, _english, finnish = changed_welcome
    client.force_login(demo_user("translator-fi"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    footer = html.split('<footer class="footer')[1]
    assert re.search(r'<button type="submit" class="button">Submit for review</button>', footer)
    assert editor_props(html)["links"]["convertToAliasUrl"] is None


def test_moderator_keeps_convert_to_alias(client, demo_user, changed_welcome):
    _translation, _english, finnish = changed_welcome
    client.force_login(demo_user("moderator"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    assert editor_props(html)["links"]["convertToAliasUrl"]
    assert "js-translation-editor > footer { display: none; }" not in html


def test_moderator_requests_changes_with_a_comment_from_the_editor(
    client, demo_user, changed_welcome
):
    translation, _english, finnish = changed_welcome
    client.force_login(demo_user("translator-fi"))
    client.post(reverse("submit_translation_for_review", args=[translation.id]))
    client.force_login(demo_user("moderator"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    task_state = TaskState.objects.get(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id=str(finnish.pk)
    )
    reject_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[finnish.id, "reject", task_state.id]
    )
    assert f'action="{reject_url}"' in html
    assert 'for="translation-review-comment"' in html

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[finnish.id, "reject", task_state.id]),
        {"comment": ""},
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    client.post(reject_url, {"comment": "Please translate the new sentence."})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED


def test_translator_sees_no_review_actions(client, demo_user, changed_welcome):
    translation, _english, finnish = changed_welcome
    client.force_login(demo_user("translator-fi"))
    client.post(reverse("submit_translation_for_review", args=[translation.id]))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    assert "translation-review-heading" not in html


def test_last_published_date_in_the_admins_language(client, demo_user, changed_welcome):
    _translation, _english, finnish = changed_welcome
    client.force_login(in_finnish(demo_user("translator-fi")))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[finnish.id])).content.decode()
    date = editor_props(html)["object"]["lastPublishedDate"]
    with override("fi"):
        assert date == date_format(timezone.localtime(finnish.live_revision.created_at))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", ["Käännä käyttäen "]), ("ru", ["Скачать PO-файл", "Загрузить PO-файл"])],
)
def test_localize_editor_strings_are_corrected(client, demo_user, language, expected):
    user = demo_user("translator-fi")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    catalogue = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode(
        "unicode_escape"
    )
    for text in expected:
        assert f'"{text}"' in catalogue
