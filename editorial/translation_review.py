"""Translators submit a finished translation for review instead of publishing it.

wagtail-localize's editor only offers "Publish" (wagtail-localize #676, #634, #655); this view
saves the translation as a draft revision and starts the page's moderation workflow, so a
translation is reviewed exactly like an original."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from .review_guard import rolled_back


@require_POST
def submit_translation_for_review(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    target = translation.get_target_instance()
    if not isinstance(target, Page):
        raise PermissionDenied
    if not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    editor_url = reverse("wagtailadmin_pages:edit", args=[target.id])
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

    page = Page.objects.get(pk=target.pk).specific
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user=request.user)
    else:
        workflow = page.get_workflow()
        if workflow is None:
            messages.error(request, _("No review workflow covers this page: ask an administrator."))
            return redirect(editor_url)
        workflow.start(page, request.user)
    messages.success(
        request,
        _("The %(language)s translation was submitted for review. A moderator will publish it.")
        % {"language": translation.target_locale.get_display_name()},
    )
    return redirect(editor_url)


@transaction.atomic
def save_translation_as_draft(translation, user):
    """Store the translation as a new draft revision of its target page, leaving what the
    public sees untouched.

    wagtail-localize builds a translated page only by saving it (``save_target``), which would
    put unreviewed text on a live page; it runs in a block whose writes are undone, and only the
    revision content it produced is kept. A placeholder (an alias of the English page) stays an
    alias until a moderator publishes the revision (see ``review_guard``)."""
    with rolled_back():
        translation.save_target(user=user, publish=False)
        target = translation.get_target_instance()
        translated = Page.objects.get(pk=target.pk).specific.get_latest_revision().content
    page = Page.objects.get(pk=target.pk).specific
    draft = page.with_content_json(translated)
    # Wagtail keeps no revisions of aliases; the row stays an alias, the revision is the page's.
    draft.alias_of_id = None
    return draft.save_revision(user=user)
