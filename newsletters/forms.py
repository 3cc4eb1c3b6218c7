import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import SitePageForm

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


class NewsletterIssueForm(SitePageForm):
    """A new issue starts with what is coming up and what was published since the last one
    (``calendar.calendar_draft``), for the editor to trim."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            from .calendar import calendar_draft

            draft = calendar_draft(self.instance.locale, timezone.now())
            self.initial["body"] = self.fields["body"].block.to_python(draft)


class SendForm(forms.Form):
    """What the moderator confirms on the "Send newsletter" page."""

    english_for = forms.MultipleChoiceField(
        label=_("Send the English text to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Subscribers of a language whose translation is not published get nothing now "
            "unless you tick their language here; they can get the translation later."
        ),
    )
    send_at = forms.DateTimeField(
        label=_("Send at (Helsinki time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: now."),
    )
    confirm = forms.BooleanField(label=_("Yes, send this issue to the subscribers counted above"))

    def __init__(self, *args, untranslated=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["english_for"].choices = [(code, names[code]) for code in untranslated]

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at is None:
            return None
        if timezone.is_naive(send_at):
            send_at = timezone.make_aware(send_at, timezone=HELSINKI)
        if send_at < timezone.now():
            raise forms.ValidationError(_("This time has passed: leave it empty to send now."))
        from .sending import send_issue

        if not send_issue.get_backend().supports_defer:
            raise forms.ValidationError(_("This site's task queue cannot wait: send now."))
        return send_at
