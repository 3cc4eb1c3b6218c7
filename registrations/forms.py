from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.form_guards import CONSENT_FIELD, HONEYPOT_FIELD, consent_field, honeypot_field

MAX_PARTY = 10


def consent_text():
    """What a visitor agrees to, in their language; stored word for word with the sign-up."""
    return gettext(
        "I agree that the Baltic Region association keeps my name, e-mail address and answers "
        "to organise this event and deletes them %(days)s days after it."
    ) % {"days": settings.REGISTRATION_RETENTION_DAYS}


def date_label(occurrence):
    start = timezone.localtime(occurrence.start)
    if occurrence.all_day:
        return formats.date_format(start, "DATE_FORMAT")
    return formats.date_format(start, "DATETIME_FORMAT")


class SignUpForm(forms.Form):
    """The sign-up form of one event: the dates still open, and the questions the organiser
    ticked (events.models.REGISTRATION_QUESTIONS)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,  # the longest address SMTP allows (RFC 5321)
        help_text=_("We send the confirmation and a link to cancel here."),
    )

    def __init__(self, *args, page, occurrences, **kwargs):
        super().__init__(*args, **kwargs)
        self.occurrences = {str(occurrence.pk): occurrence for occurrence in occurrences}
        if len(occurrences) > 1:
            self.fields["date"] = forms.ChoiceField(
                label=_("Date"),
                choices=[(key, date_label(o)) for key, o in self.occurrences.items()],
                widget=forms.RadioSelect,
            )
        questions = page.registration_questions or []
        if "participants" in questions:
            self.fields["participants"] = forms.IntegerField(
                label=_("Number of participants"),
                initial=1,
                validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTY)],
                help_text=_("You included."),
            )
        if "children_ages" in questions:
            self.fields["children_ages"] = forms.CharField(
                label=_("Children's ages"), required=False, max_length=200
            )
        if "preferred_language" in questions:
            self.fields["preferred_language"] = forms.ChoiceField(
                label=_("Preferred language"), choices=settings.LANGUAGES, required=False
            )
        if "needs" in questions:
            self.fields["needs"] = forms.CharField(
                label=_("Accessibility or other needs"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields[HONEYPOT_FIELD] = honeypot_field()
        self.fields[CONSENT_FIELD] = consent_field(consent_text())

    def chosen_occurrence(self):
        if "date" in self.fields:
            return self.occurrences[self.cleaned_data["date"]]
        return next(iter(self.occurrences.values()))

    def answers(self):
        return {
            key: self.cleaned_data[key]
            for key in ("children_ages", "preferred_language", "needs")
            if self.cleaned_data.get(key)
        }
