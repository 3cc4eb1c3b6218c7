"""Issue 7: nothing is published unreviewed. Editors and translators submit their changes; a
moderator approves them (which publishes) or requests changes with a comment."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import Translation

from conftest import LANGUAGES
from editorial.models import ModeratorReviewTask
from editorial.roles import SNIPPETS, snippet
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

OLD_INTRO = "Membership costs 20 euros a year."
NEW_INTRO = "From January, membership costs 25 euros a year."
CHANGES_WANTED = "Please say whether the new fee applies to students too."
NEEDS_A_COMMENT = "Tell the author what to change."
MODERATOR_PAGE_PERMISSIONS = {
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
}


@pytest.fixture
def page():
    """A live English text page, as a moderator would have published it."""
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(
        title="Membership fees",
        slug="membership-fees",
        summary="What membership costs.",
        intro=OLD_INTRO,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return fresh(page)


@pytest.fixture
def editor(demo_user):
    return demo_user("editor")


@pytest.fixture
def moderator(demo_user):
    return demo_user("moderator")


def fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


def edit_form(page, **changes):
    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


def post_edit(client, page, *actions, extra=None, **changes):
    """Post the page's edit form the way the admin's action menu does."""
    data = edit_form(page, **changes)
    data.update({f"action-{action}": "1" for action in actions})
    data.update(extra or {})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)


def submit(client, user, page, **changes):
    client.force_login(user)
    response = post_edit(client, page, "submit", **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    return fresh(page)


def workflow_action(client, page, action, comment="", **headers):
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, action, task_state.id])
    return client.post(url, {"comment": comment}, **headers)


def public_html(page):
    response = Client().get(fresh(page).url)
    assert response.status_code == 200
    return response.content.decode()


def small_jpeg(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), (11, 79, 113)).save(buffer, "JPEG")
    return ImageFile(buffer, name=name)


def refused(response):
    """Wagtail's admin answers a refused action by sending the user back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


# Roles and the workflow, as the migrations leave them


def root_page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


def test_each_role_exists_once():
    for name in ("Editors", "Moderators", "Translators (fi)", "Translators (ru)", "Administrators"):
        assert Group.objects.filter(name=name).count() == 1, name


def test_editors_write_and_moderators_publish(page, editor, moderator):
    assert root_page_permissions("Editors") == {"add_page", "change_page"}
    assert root_page_permissions("Moderators") == MODERATOR_PAGE_PERMISSIONS
    assert root_page_permissions("Administrators") == MODERATOR_PAGE_PERMISSIONS

    editor_rights = page.permissions_for_user(editor)
    assert editor_rights.can_edit()
    assert not editor_rights.can_publish()
    assert not editor_rights.can_lock()
    assert not editor_rights.can_unpublish()
    moderator_rights = page.permissions_for_user(moderator)
    assert moderator_rights.can_publish()
    assert moderator_rights.can_lock()
    assert moderator_rights.can_unlock()


def test_snippet_and_site_permissions(editor, moderator, django_user_model):
    # Areas, people, partners, venues, organisation details (their apps: editorial.roles).
    for name in SNIPPETS:
        # Snippets have drafts and review: editors write them, only moderators publish.
        for action in ("view", "add", "change"):
            assert editor.has_perm(snippet(name, action))
        for action in ("publish", "lock", "unlock", "delete"):
            assert not editor.has_perm(snippet(name, action))
        for action in ("add", "change", "publish", "lock", "unlock"):
            assert moderator.has_perm(snippet(name, action))
    assert not editor.has_perm("wagtailredirects.add_redirect")
    assert not editor.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert not editor.has_perm("wagtail_localize.submit_translation")
    for action in ("add", "change", "delete"):
        assert moderator.has_perm(f"wagtailredirects.{action}_redirect")
        assert moderator.has_perm(f"wagtailsearchpromotions.{action}_searchpromotion")
    assert not moderator.has_perm("auth.change_user")

    administrator = django_user_model.objects.create_user("site-admin", "site-admin@example.org")
    administrator.groups.add(Group.objects.get(name="Administrators"))
    for permission in (
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.change_group",
        "core.change_contactsettings",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailredirects.delete_redirect",
    ):
        assert administrator.has_perm(permission), permission

    for code in ("fi", "ru"):
        translators = Group.objects.get(name=f"Translators ({code})")
        assert translators.permissions.filter(codename="access_admin").exists()
        assert not GroupPagePermission.objects.filter(group=translators, page__depth=1).exists()


def test_editors_change_media_and_only_moderators_delete_what_others_uploaded(
    client, editor, moderator
):
    image = get_image_model().objects.filter(uploaded_by_user=None).first()
    own_image = get_image_model().objects.create(
        title="My upload", file=small_jpeg("my-upload.jpg"), uploaded_by_user=editor
    )
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose"):
            assert policy.user_has_permission(editor, action)
    policy = policy_registry.get_by_type(get_image_model())
    assert policy.user_has_permission_for_instance(editor, "change", image)
    assert not policy.user_has_permission_for_instance(editor, "delete", image)
    assert policy.user_has_permission_for_instance(editor, "delete", own_image)
    assert policy.user_has_permission_for_instance(moderator, "delete", image)
    deletable = policy.instances_user_has_any_permission_for(editor, ["delete"])
    assert list(deletable) == [own_image]

    client.force_login(editor)
    assert refused(client.post(reverse("wagtailimages:delete", args=[image.id])))
    assert get_image_model().objects.filter(pk=image.pk).exists()
    client.post(reverse("wagtailimages:delete", args=[own_image.id]))
    assert not get_image_model().objects.filter(pk=own_image.pk).exists()
    client.force_login(moderator)
    client.post(reverse("wagtailimages:delete", args=[image.id]))
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_administrators_manage_people_and_workflows_and_editors_do_not(
    client, editor, django_user_model
):
    administrator = django_user_model.objects.create_user("site-admin", "site-admin@example.org")
    administrator.groups.add(Group.objects.get(name="Administrators"))
    pages = [reverse("wagtailusers_users:index"), reverse("wagtailadmin_workflows:index")]
    client.force_login(administrator)
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.force_login(editor)
    for url in pages:
        assert client.get(url).status_code in (302, 403), url


def test_one_editorial_review_covers_every_language():
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == "Editorial review"
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    assert isinstance(tasks[0], ModeratorReviewTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Moderators"]
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert list(WorkflowPage.objects.values_list("workflow__name", flat=True)) == [
        "Editorial review"
    ]

    for language in LANGUAGES:
        for model in (HomePage, StandardPage):
            page = model.objects.filter(locale__language_code=language).order_by("path").last()
            assert page.get_workflow() == workflow, f"{model.__name__} in {language}"


def test_settings_for_review():
    assert settings.WAGTAIL_WORKFLOW_ENABLED
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED


# Submitting


def test_submitting_starts_a_review_and_publishes_nothing(client, page, editor, moderator):
    page = submit(client, editor, page, intro=NEW_INTRO)

    workflow_state = page.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert workflow_state.requested_by == editor
    assert workflow_state.workflow.name == "Editorial review"
    task_state = page.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert isinstance(task_state.task.specific, ModeratorReviewTask)
    assert task_state.revision == page.get_latest_revision()
    assert page.live_revision != page.get_latest_revision()

    assert page.intro == OLD_INTRO
    assert page.get_latest_revision_as_object().intro == NEW_INTRO
    html = public_html(page)
    assert OLD_INTRO in html
    assert NEW_INTRO not in html
    assert mails_to(moderator), "the moderators are told there is something to review"


def test_the_dashboard_shows_the_authors_pages_and_the_moderators_queue(
    client, page, editor, moderator
):
    submit(client, editor, page, intro=NEW_INTRO)
    task_state = fresh(page).current_workflow_task_state

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your pages and snippets in a workflow" in html
    assert escape(page.title) in html
    assert "Awaiting your review" not in html

    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in html
    assert escape(page.title) in html
    for action in ("approve", "reject"):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, action, task_state.id])
        assert url in html


# Editors cannot publish by any route


def test_publish_button_of_the_edit_view_only_saves_a_draft(client, page, editor):
    client.force_login(editor)
    response = post_edit(client, page, "publish", intro=NEW_INTRO)
    assert response.status_code == 302
    page = fresh(page)
    assert page.has_unpublished_changes
    assert page.intro == OLD_INTRO
    assert NEW_INTRO not in public_html(page)


def test_bulk_publish_refuses_editors(client, page, editor):
    client.force_login(editor)
    post_edit(client, page, intro=NEW_INTRO)  # save a draft
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.id}"
    assert "have permission to publish this page" in client.get(url).content.decode()
    client.post(url, {"include_descendants": "on"})
    page = fresh(page)
    assert page.intro == OLD_INTRO
    assert page.has_unpublished_changes
    assert NEW_INTRO not in public_html(page)


def test_new_pages_copies_and_aliases_of_editors_stay_unpublished(client, page, editor):
    home = page.get_parent()
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.id)),
        {**edit_form(page, title="Student fees", slug="student-fees"), "action-publish": "1"},
    )
    assert not StandardPage.objects.get(slug="student-fees", locale=page.locale).live

    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.id]),
        {
            "new_title": "Membership fees (copy)",
            "new_slug": "membership-fees-copy",
            "new_parent_page": home.id,
            "publish_copies": "on",
        },
    )
    assert not StandardPage.objects.get(slug="membership-fees-copy", locale=page.locale).live

    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.id]),
        {
            "new_title": "Membership fees (alias)",
            "new_slug": "membership-fees-alias",
            "new_parent_page": home.id,
            "alias": "on",
        },
    )
    copy = StandardPage.objects.get(slug="membership-fees-alias", locale=page.locale)
    assert copy.alias_of is None
    assert not copy.live


def test_editors_cannot_approve_their_own_changes(client, page, editor):
    page = submit(client, editor, page, intro=NEW_INTRO)
    assert refused(workflow_action(client, page, "approve"))
    assert fresh(page).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert NEW_INTRO not in public_html(page)


def test_editors_cannot_publish_translations_by_syncing_them(client, editor):
    english = StandardPage.objects.filter(locale__language_code="en").order_by("path").first()
    translation = Translation.objects.filter(source__object_id=english.translation_key).first()
    target = translation.get_target_instance()
    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": "on"},
    )
    assert refused(response)
    assert fresh(target).live_revision_id == target.live_revision_id


# Reviewing


def test_requesting_changes_needs_a_comment(client, page, editor, moderator):
    page = submit(client, editor, page, intro=NEW_INTRO)
    task_state = page.current_workflow_task_state
    client.force_login(moderator)

    dialog = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "reject", task_state.id])
    ).json()
    assert "required" in dialog["html"]

    blank = workflow_action(client, page, "reject", "  ", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert blank.json()["step"] == "action"
    assert NEEDS_A_COMMENT in blank.json()["html"]

    # The edit view's "Request changes" collects the comment in the same dialog first ...
    collected = client.post(
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[page.id, "reject", task_state.id],
        ),
        {"comment": ""},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert NEEDS_A_COMMENT in collected.json()["html"]
    # ... and the task refuses a request that skips the dialog.
    skipped = post_edit(
        client,
        page,
        "workflow-action",
        extra={"workflow-action-name": "reject", "workflow-action-extra-data": "{}"},
    )
    assert refused(skipped)

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_requested_changes_go_back_to_the_author_with_the_comment(client, page, editor, moderator):
    page = submit(client, editor, page, intro=NEW_INTRO)
    task_state = page.current_workflow_task_state
    workflow_state = page.current_workflow_state
    mail.outbox.clear()

    client.force_login(moderator)
    assert workflow_action(client, page, "reject", CHANGES_WANTED).status_code == 302

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == CHANGES_WANTED
    assert task_state.finished_by == moderator
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert NEW_INTRO not in public_html(page)

    [message] = mails_to(editor)
    assert page.title in message.subject
    assert CHANGES_WANTED in message.body
    assert CHANGES_WANTED in message.alternatives[0][0]

    client.force_login(editor)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()
    assert escape(CHANGES_WANTED) in edit_page

    # The author's next submission continues the same review.
    page = submit(client, editor, page, intro=NEW_INTRO + " Students pay half.")
    assert page.current_workflow_state == workflow_state
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_new_title_reaches_every_menu_only_when_a_moderator_approves_it(
    client, page, editor, moderator
):
    page.show_in_menus = True
    page.save_revision().publish()
    visitor = Client()
    assert ">Membership fees<" in visitor.get("/en/").content.decode()

    page = submit(client, editor, page, title="Membership and fees", show_in_menus="on")
    menu_page = visitor.get("/en/").content.decode()
    assert ">Membership fees<" in menu_page
    assert "Membership and fees" not in menu_page

    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    # The layout is kept per structure version, which a new title moves on.
    assert ">Membership and fees<" in visitor.get("/en/").content.decode()


def test_approving_publishes_and_tells_the_author(client, page, editor, moderator):
    page = submit(client, editor, page, intro=NEW_INTRO)
    revision = page.current_workflow_task_state.revision
    workflow_state = page.current_workflow_state
    mail.outbox.clear()

    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302

    page = fresh(page)
    assert page.live_revision == revision
    assert page.intro == NEW_INTRO
    assert NEW_INTRO in public_html(page)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    [message] = mails_to(editor)
    assert "approved" in message.subject


def test_approving_a_change_with_a_go_live_date_schedules_it(client, page, editor, moderator):
    go_live = timezone.now() + datetime.timedelta(days=3)
    page = submit(
        client,
        editor,
        page,
        intro=NEW_INTRO,
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302

    page = fresh(page)
    assert page.get_latest_revision().approved_go_live_at is not None
    assert page.intro == OLD_INTRO
    assert NEW_INTRO not in public_html(page)

    call_command("publish_scheduled", stdout=io.StringIO())
    assert NEW_INTRO not in public_html(page)

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert fresh(page).intro == NEW_INTRO
    assert NEW_INTRO in public_html(page)


def test_a_moderators_own_edit_needs_approving_again(client, page, editor, moderator):
    page = submit(client, editor, page, intro=NEW_INTRO)
    first_task_state = page.current_workflow_task_state
    client.force_login(moderator)
    edited = NEW_INTRO + " Families pay 40 euros."
    response = post_edit(
        client,
        page,
        "workflow-action",
        extra={"workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
        intro=edited,
    )
    assert response.status_code == 302

    page = fresh(page)
    assert edited not in public_html(page)
    task_state = page.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.pk != first_task_state.pk
    assert task_state.revision == page.get_latest_revision()

    assert workflow_action(client, page, "approve").status_code == 302
    assert edited in public_html(page)


# Translations


def test_a_translators_change_waits_for_a_moderator(client, demo_user, moderator):
    translator = demo_user("translator-fi")
    page = StandardPage.objects.live().filter(locale__language_code="fi").order_by("path").first()
    old_intro = page.intro
    new_intro = "Baltic Region on tunnettu ja arvostettu kumppani Turussa."
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    client.force_login(translator)

    # wagtail-localize's own "Publish" is not for translators.
    assert refused(client.post(edit_url, {"action": "publish"}))

    # Editing the translation like an original page ("Stop synced translation") goes through review.
    client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.id]), {"next": edit_url}
    )
    page = submit(client, translator, page, intro=new_intro)
    assert page.current_workflow_state.requested_by == translator
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    html = public_html(page)
    assert escape(old_intro) in html
    assert escape(new_intro) not in html

    client.force_login(moderator)
    queue = client.get(reverse("wagtailadmin_home")).content.decode()
    assert escape(page.title) in queue
    assert workflow_action(client, page, "approve").status_code == 302
    assert escape(new_intro) in public_html(page)


def test_editor_chooses_and_edits_snippets_but_cannot_publish_them(client, editor):
    from core.models import Person

    person = Person.objects.filter(locale__language_code="en").first()
    client.force_login(editor)
    chooser = client.get(reverse("wagtailsnippetchoosers_core_person:choose"))
    assert chooser.status_code == 200
    assert person.name in chooser.content.decode()
    edit = client.get(reverse("wagtailsnippets_core_person:edit", args=[person.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
