"""Release a page in all its languages at once.

Visitors should not meet a Russian announcement whose Finnish twin appears a day later, so a
moderator can approve and publish (or schedule) every language version of a page in one step.
It releases exactly the revisions under review, each shown with a preview and a comparison with
what is live; a draft nobody submitted, or a review waiting for changes, is listed and left
alone, and the message says so."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page, TaskState, WorkflowState

IN_REVIEW = "in_review"
CHANGES_REQUESTED = "changes_requested"
NOT_SUBMITTED = "not_submitted"
CHANGED_IN_REVIEW = "changed_in_review"
STATUS_LABELS = {
    CHANGED_IN_REVIEW: gettext_lazy(
        "changed after it was submitted: review the newer version before releasing"
    ),
    IN_REVIEW: gettext_lazy("in review: will be released"),
    CHANGES_REQUESTED: gettext_lazy("changes requested: will not be released"),
    NOT_SUBMITTED: gettext_lazy("draft not submitted for review: will not be released"),
}


class ReleaseForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Go live at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Leave empty to publish every language now."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_go_live_at(self):
        go_live_at = self.cleaned_data["go_live_at"]
        if go_live_at and go_live_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return go_live_at


def language_versions(page):
    """Every language version of the page that has changes waiting, and what will become of it.
    A placeholder (an alias) counts only while its translation is in review: releasing it makes it
    its language's page."""
    versions = []
    for version in page.get_translations(inclusive=True).select_related("locale"):
        version = version.specific
        workflow_state = version.current_workflow_state
        task_state = workflow_state.current_task_state if workflow_state else None
        revision = None
        if (
            workflow_state
            and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
            and task_state
        ):
            revision = task_state.revision
            status = IN_REVIEW if version.latest_revision_id == revision.id else CHANGED_IN_REVIEW
        elif version.alias_of_id:
            continue
        elif workflow_state:
            status = CHANGES_REQUESTED
        elif version.has_unpublished_changes:
            status = NOT_SUBMITTED
        else:
            continue
        versions.append(
            {
                "page": version,
                "status": status,
                "label": STATUS_LABELS[status],
                "revision": revision,
                "workflow_state": workflow_state,
            }
        )
    return sorted(versions, key=lambda item: item["page"].locale.language_code)


def release_revision(item, user, go_live_at, comment):
    """Approve the review of exactly ``item["revision"]``; the workflow then publishes it (or
    schedules it for ``go_live_at``). Stops if the review moves on to another revision."""
    revision = item["revision"]
    if go_live_at:
        revision.content = {**revision.content, "go_live_at": go_live_at.isoformat()}
        revision.save(update_fields=["content"])
    workflow_state = item["workflow_state"]
    while workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        if (
            task_state is None
            or task_state.status != TaskState.STATUS_IN_PROGRESS
            or task_state.revision_id != revision.id
        ):
            break
        task_state.task.specific.on_action(task_state, user, "approve", comment=comment)
        workflow_state.refresh_from_db()


def release_in_all_languages(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    versions = language_versions(page)
    to_release = [item for item in versions if item["status"] == IN_REVIEW]
    blocked = [item for item in versions if item["status"] == CHANGED_IN_REVIEW]
    if any(
        not item["page"].permissions_for_user(request.user).can_publish() for item in to_release
    ):
        raise PermissionDenied
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and blocked:
        messages.error(
            request,
            _("Nothing was released: %(languages)s changed after being submitted.")
            % {"languages": _languages(blocked)},
        )
    elif request.method == "POST" and form.is_valid():
        go_live_at = form.cleaned_data["go_live_at"]
        for item in to_release:
            release_revision(item, request.user, go_live_at, form.cleaned_data["comment"])
        report_release(request, versions, to_release, go_live_at)
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().id]))
    for item in versions:
        if item["revision"]:
            item["preview_url"] = reverse(
                "wagtailadmin_pages:revisions_view", args=[item["page"].id, item["revision"].id]
            )
            if item["page"].live and not item["page"].alias_of_id:
                item["compare_url"] = reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[item["page"].id, "live", item["revision"].id],
                )
    return TemplateResponse(
        request,
        "editorial/release.html",
        {
            "page": page,
            "page_title": _("Release in all languages"),
            "page_subtitle": page.get_admin_display_title(),
            "header_title": _("Release “%(title)s” in all languages")
            % {"title": page.get_admin_display_title()},
            "header_icon": "globe",
            "versions": versions,
            "can_release": bool(to_release) and not blocked,
            "form": form,
        },
    )


def _languages(items):
    return ", ".join(str(item["page"].locale.get_display_name()) for item in items)


def report_release(request, versions, released, go_live_at):
    left = [item for item in versions if item["status"] != IN_REVIEW]
    if not released:
        messages.warning(request, _("Nothing was released: no language version is in review."))
    elif go_live_at:
        messages.success(
            request,
            _("Scheduled to go live together at %(time)s: %(languages)s.")
            % {
                "time": date_format(timezone.localtime(go_live_at), "SHORT_DATETIME_FORMAT"),
                "languages": _languages(released),
            },
        )
    else:
        messages.success(
            request, _("Published: %(languages)s.") % {"languages": _languages(released)}
        )
    if left:
        messages.warning(
            request,
            _(
                "Not released: %(languages)s. They stay as they are until their changes are "
                "submitted and approved."
            )
            % {"languages": _languages(left)},
        )
