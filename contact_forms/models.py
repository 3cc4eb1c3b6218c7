"""Public forms (contact, membership application) built with Wagtail's form builder.

Spam is kept out by a honeypot field and a limit of accepted submissions per form, address and
hour (core.form_guards); every answer has a length limit (``LimitedFormBuilder``); every form
asks for consent to store the answers, and ``purge_form_submissions`` deletes them once
FORM_SUBMISSION_RETENTION_DAYS have passed. The office is notified through the task queue
(contact_forms.tasks), and the CSV export neutralises answers that look like formulas.
"""

import functools

from django import forms
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import upstream
from core.form_guards import (
    CONSENT_FIELD,
    HONEYPOT_FIELD,
    caught_in_honeypot,
    consent_field,
    honeypot_field,
    limit_reached,
    limited_response,
    record_accepted_post,
)
from core.models import SitePage
from core.spreadsheets import safe_cell

from .forms import LimitedFormBuilder
from .tasks import queue_notification


@functools.cache
def submissions_list_view():
    """Wagtail's list of a form's answers, whose CSV export neutralises answers that start like
    a formula (issue 25; its XLSX export does already)."""
    # Wagtail's views import the page models: not before the models are loaded.
    from wagtail.contrib.forms.views import SubmissionsListView

    return upstream.with_safe_csv_cells(SubmissionsListView, safe_cell)


class FormField(TranslatableMixin, AbstractFormField):
    """A question of a form; translatable, so labels and choices appear in the translation editor."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")

    # The stored answers are keyed by clean_name: it stays the same in every language, so the
    # submissions of the fi and ru forms have the same columns as the English one.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class FormPage(EmailFormMixin, FormMixin, SitePage):
    """A form visitors fill in; the answers are kept in the admin and e-mailed to the office."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    consent_text = models.TextField(
        _("consent text"),
        help_text=_(
            "What the visitor agrees to by sending the form: who keeps the answers, what for "
            "and for how long. They must tick a box next to this text."
        ),
    )
    submit_label = models.CharField(_("submit button"), max_length=60, blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("consent_text"),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail notification"),
        ),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("form_fields"),
        TranslatableField("consent_text"),
        TranslatableField("submit_label"),
        TranslatableField("thank_you_text"),
        TranslatableField("subject"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "contact_forms/form_page.html"
    landing_page_template = "contact_forms/form_page_landing.html"
    form_builder = LimitedFormBuilder

    class Meta:
        verbose_name = _("form page")
        permissions = [("view_submissions", "Can see the answers sent with forms")]

    def get_form_class(self):
        base = super().get_form_class()
        attrs = {HONEYPOT_FIELD: honeypot_field(), CONSENT_FIELD: consent_field(self.consent_text)}
        return type("PublicForm", (base,), attrs)

    def get_submissions_list_view_class(self):
        return submissions_list_view()

    def get_data_fields(self):
        return [*super().get_data_fields(), (CONSENT_FIELD, gettext("Consent given"))]

    @property
    def form_key(self):
        """The hourly limit's key (core.form_guards): one for the form in every language."""
        return f"contact_forms:{self.translation_key}"

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        context = self.get_context(request)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        context["form"] = form
        retry_at = limit_reached(request, self.form_key)
        if retry_at:
            return limited_response(request, self.get_template(request), context, retry_at)
        if not form.is_valid():
            return TemplateResponse(request, self.get_template(request), context, status=400)
        record_accepted_post(request, self.form_key)
        if caught_in_honeypot(form.cleaned_data):
            return self.render_landing_page(request)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def process_form_submission(self, form):
        """Store the answers, and queue their notification (contact_forms.tasks) rather than
        send it in the request, as Wagtail's ``EmailFormMixin`` would."""
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            queue_notification(submission)
        return submission

    def answered_form(self, submission):
        """The form holding the stored answers, for Wagtail's ``render_email``: its fields give
        the labels, ``cleaned_data`` the answers. Dates are stored as ISO text: they are read
        back into dates, which ``render_email`` writes in the short format of the language."""
        form = self.get_form(page=self, user=None)
        answers = submission.get_data()
        form.cleaned_data = {
            name: form.fields[name].to_python(value)
            if isinstance(value, str)
            and isinstance(form.fields.get(name), (forms.DateField, forms.DateTimeField))
            else value
            for name, value in answers.items()
        }
        return form
