"""The event's admin form and the fields of its weekly repeats: weekdays as checkboxes, dates as a
list an editor adds to one by one, no RRULE syntax (issue 23)."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.forms import AreaTaggedPageForm

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DateListWidget(forms.Textarea):
    """One date per line, which works without JavaScript; with it, a date picker and an "Add"
    button fill the lines (static/events/js/repeat-widget.js)."""

    template_name = "events/widgets/date_list.html"

    class Media:
        js = ["events/js/repeat-widget.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 2, "cols": 12, "data-date-list": "", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(day) for day in value)
        return value


class DateListFormField(forms.Field):
    """Dates as ISO strings, sorted and without repeats; typed as 2027-02-18 or 18.2.2027."""

    widget = DateListWidget
    default_error_messages = {
        "invalid": _("“%(value)s” is not a date: write it as 2027-02-18 or 18.2.2027."),
    }

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(day) for day in value)
        days = set()
        for text in re.split(r"[\s,;]+", value or ""):
            if text:
                days.add(self.parse(text))
        return [day.isoformat() for day in sorted(days)]

    def parse(self, text):
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date)
            except ValueError:
                continue
        raise ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": text}
        )


def date_label(day):
    return formats.date_format(day, "DATE_FORMAT")


class EventPageForm(AreaTaggedPageForm):
    """An event needs at least one date, given by hand or by a repeat; saving applies the
    repeats to the occurrence rows so that the preview and the revision hold every date."""

    def clean(self):
        cleaned_data = super().clean()
        if not any(self.has_rows(name) for name in ("occurrences", "repeats")):
            self.add_error(None, _("Add a date and time, or a repeat, to say when the event is."))
        return cleaned_data

    def has_rows(self, name):
        """Whether the inline panel ``name`` keeps a row; one with errors of its own counts, so
        that the editor sees those errors rather than this form's."""
        formset = self.formsets.get(name)
        if formset is None:
            return False
        if not formset.is_valid():
            return True
        deleted = formset.deleted_forms if formset.can_delete else []
        return any(
            form.instance.pk or form.has_changed() for form in formset.forms if form not in deleted
        )

    def save(self, commit=True):
        page = super().save(commit=False)
        page.sync_repeated_occurrences()
        if commit:
            page.save()
        return page
