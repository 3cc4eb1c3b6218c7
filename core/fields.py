from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGE_CHOICES = [
    ("ru", _("Russian")),
    ("fi", _("Finnish")),
    ("en", _("English")),
]


class SpokenLanguagesField(models.JSONField):
    """The languages an activity or event is held in, picked with checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=SPOKEN_LANGUAGE_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


def spoken_language_names(codes):
    names = dict(SPOKEN_LANGUAGE_CHOICES)
    return [names[code] for code in codes or [] if code in names]
