"""The form builder of the public forms: every kind of answer has a length limit (issue 25).

Wagtail's own builder limits only single-line answers (255); a 2,000,000-character message was
stored and e-mailed. ``FormPage.form_builder`` is Wagtail's documented way to change it."""

import django.forms
from wagtail.contrib.forms.forms import FormBuilder

# Characters per answer. A message of 5,000 is about two pages; an e-mail address cannot be
# longer than 254 (RFC 5321); 2,000 is what browsers and servers reliably take in a URL.
MULTILINE_MAX_LENGTH = 5000
SINGLELINE_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 2000
NUMBER_MAX_DIGITS = 20


class LimitedFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLELINE_MAX_LENGTH
        return django.forms.CharField(**options)

    def create_multiline_field(self, field, options):
        return super().create_multiline_field(
            field, {**options, "max_length": MULTILINE_MAX_LENGTH}
        )

    def create_email_field(self, field, options):
        return super().create_email_field(field, {**options, "max_length": EMAIL_MAX_LENGTH})

    def create_url_field(self, field, options):
        return super().create_url_field(field, {**options, "max_length": URL_MAX_LENGTH})

    def create_number_field(self, field, options):
        return super().create_number_field(field, {**options, "max_digits": NUMBER_MAX_DIGITS})

    def create_hidden_field(self, field, options):
        return super().create_hidden_field(field, {**options, "max_length": SINGLELINE_MAX_LENGTH})
