from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGE_CHOICES = [
    ("ru", _("Russian")),
    ("fi", _("Finnish")),
    ("en", _("English")),
]


class ChoiceListField(models.JSONField):
    """A list of codes from ``choices_offered``, picked with checkboxes (stored as JSON, which
    SQLite and PostgreSQL both hold)."""

    choices_offered = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_offered,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


class SpokenLanguagesField(ChoiceListField):
    """The languages an activity or event is held in, picked with checkboxes."""

    choices_offered = SPOKEN_LANGUAGE_CHOICES


def spoken_language_names(codes):
    names = dict(SPOKEN_LANGUAGE_CHOICES)
    return [names[code] for code in codes or [] if code in names]
