from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from .forms import REQUEST_CHANGES_NEEDS_A_COMMENT, RequestChangesForm


class ModeratorReviewTask(GroupApprovalTask):
    """A member of the chosen groups approves (which publishes) or requests changes, always
    with a comment that tells the author what to change."""

    def get_form_for_action(self, action):
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The edit view passes the dialog's data straight through, so the rule is kept here too.
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            raise PermissionDenied(REQUEST_CHANGES_NEEDS_A_COMMENT)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the change, which publishes it, or request "
            "changes with a comment for the author."
        )

    class Meta:
        verbose_name = _("moderator review")
        verbose_name_plural = _("moderator reviews")
