from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

REQUEST_CHANGES_NEEDS_A_COMMENT = _("Tell the author what to change.")


class RequestChangesForm(TaskStateCommentForm):
    """The moderator's "Request changes" dialog: the author must learn what to change."""

    comment = forms.CharField(
        label=_("What should the author change?"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": REQUEST_CHANGES_NEEDS_A_COMMENT},
    )
