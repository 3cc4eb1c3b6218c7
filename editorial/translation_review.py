"""Translators submit a finished translation for review instead of publishing it.

wagtail-localize's editor only offers "Publish" (wagtail-localize #676, #634, #655); this view
saves the translation as a draft revision and starts the "Editorial review" workflow of the page
or snippet, so a translation is reviewed exactly like an original."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import DraftStateMixin, Page, WorkflowMixin, WorkflowState
from wagtail_localize.models import Translation

from .permissions import has_model_permission
from .review_guard import rolled_back
from .snippet_languages import may_write_snippet


def is_reviewed(instance):
    """Pages and the snippets with drafts go through the review workflow."""
    return isinstance(instance, WorkflowMixin) and isinstance(instance, DraftStateMixin)


def fresh(instance):
    """The page or snippet as it is stored now (pages as their specific type)."""
    if isinstance(instance, Page):
        return Page.objects.get(pk=instance.pk).specific
    return type(instance)._default_manager.get(pk=instance.pk)


def may_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return has_model_permission(user, type(instance), "change") and may_write_snippet(
        user, type(instance), instance.locale_id
    )


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return has_model_permission(user, type(instance), "publish") and may_write_snippet(
        user, type(instance), instance.locale_id
    )


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def workflow_action_url(instance, action, task_state_id):
    if isinstance(instance, Page):
        return reverse(
            "wagtailadmin_pages:workflow_action", args=[instance.pk, action, task_state_id]
        )
    return reverse(
        instance.snippet_viewset.get_url_name("workflow_action"),
        args=[quote(instance.pk), action, task_state_id],
    )


@require_POST
def submit_translation_for_review(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    target = translation.get_target_instance()
    if isinstance(target, Page):
        target = target.specific
    if not is_reviewed(target) or not may_edit(request.user, target):
        raise PermissionDenied
    editor_url = edit_url(target)
    workflow_state = target.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        # Saving now would put a revision nobody submitted beside the one under review.
        messages.error(
            request,
            _(
                "This translation is already waiting for review, so nothing was saved. Ask the "
                "moderator to request changes if you need to change it."
            ),
        )
        return redirect(editor_url)
    try:
        save_translation_as_draft(translation, request.user)
    except ValidationError:
        messages.error(
            request,
            _("The translation has errors. Fix the highlighted segments and submit it again."),
        )
        return redirect(editor_url)

    reviewed = fresh(target)
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user=request.user)
    else:
        workflow = reviewed.get_workflow()
        if workflow is None:
            messages.error(
                request, _("No review workflow covers this translation: ask an administrator.")
            )
            return redirect(editor_url)
        workflow.start(reviewed, request.user)
    messages.success(
        request,
        _("The %(language)s translation was submitted for review. A moderator will publish it.")
        % {"language": translation.target_locale.get_display_name()},
    )
    return redirect(editor_url)


@transaction.atomic
def save_translation_as_draft(translation, user):
    """Store the translation as a new draft revision of its target page or snippet, leaving
    what the public sees untouched.

    wagtail-localize builds a translation only by saving it (``save_target``), which would put
    unreviewed text on a live page (and take a live snippet off the site); it runs in a block
    whose writes are undone, and only the revision content it produced is kept. A placeholder
    (an alias of the English page) stays an alias until a moderator publishes the revision (see
    ``review_guard``)."""
    with rolled_back():
        translation.save_target(user=user, publish=False)
        translated = fresh(translation.get_target_instance()).get_latest_revision().content
    draft = fresh(translation.get_target_instance()).with_content_json(translated)
    if isinstance(draft, Page):
        # Wagtail keeps no revisions of aliases; the row stays an alias, the revision is the page's.
        draft.alias_of_id = None
    return draft.save_revision(user=user)
