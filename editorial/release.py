"""Release a page in all its languages at once.

Visitors should not meet a Russian announcement whose Finnish twin appears a day later, so a
moderator can approve and publish (or schedule) every language version of a page in one step."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page, TaskState


class ReleaseForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Go live at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Leave empty to publish every language now."),
    )
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_go_live_at(self):
        go_live_at = self.cleaned_data["go_live_at"]
        if go_live_at and go_live_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return go_live_at


def language_versions(page):
    """Every language version of the page that has something to release."""
    versions = []
    for version in page.get_translations(inclusive=True).filter(alias_of__isnull=True).select_related("locale"):
        version = version.specific
        workflow_state = version.current_workflow_state
        if workflow_state or version.has_unpublished_changes:
            versions.append({"page": version, "workflow_state": workflow_state})
    return sorted(versions, key=lambda item: item["page"].locale.language_code)


def release_page(version, workflow_state, user, go_live_at, comment):
    task_state = workflow_state.current_task_state if workflow_state else None
    # The workflow publishes the revision under review; without one, the latest draft.
    revision = task_state.revision if task_state else version.get_latest_revision()
    if go_live_at:
        content = dict(revision.content)
        content["go_live_at"] = go_live_at.isoformat()
        revision.content = content
        revision.save(update_fields=["content"])
    if workflow_state:
        # Approving every remaining task finishes the workflow, which publishes (or schedules).
        while workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
            task_state = workflow_state.current_task_state
            if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
                break
            task_state.task.specific.on_action(task_state, user, "approve", comment=comment)
            workflow_state.refresh_from_db()
    else:
        revision.publish(user=user)


def release_in_all_languages(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    versions = language_versions(page)
    for item in versions or [{"page": page}]:
        if not item["page"].permissions_for_user(request.user).can_publish():
            raise PermissionDenied
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        go_live_at = form.cleaned_data["go_live_at"]
        for item in versions:
            release_page(item["page"], item["workflow_state"], request.user, go_live_at, form.cleaned_data["comment"])
        if go_live_at:
            messages.success(request, _("All language versions are scheduled to go live together."))
        else:
            messages.success(request, _("All language versions are published."))
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().id]))
    return TemplateResponse(
        request, "editorial/release.html", {"page": page, "versions": versions, "form": form}
    )
