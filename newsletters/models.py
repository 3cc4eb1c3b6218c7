"""Newsletter issues are pages: written, translated and approved like every other page (the
"Editorial review" workflow on the root covers them), and the archive of those sent is public.
A ``Delivery`` is one issue to one subscriber: the row that makes sending resumable and keeps
an address from getting an issue twice."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.models import SectionIndexPage, SitePage
from subscribers.models import Subscriber

from .blocks import IssueBodyBlock
from .forms import NewsletterIssueForm


class NewsletterIndexPage(SectionIndexPage):
    """The archive: every issue that has been sent, to read in the browser."""

    subpage_types = ["newsletters.NewsletterIssuePage"]
    template = "newsletters/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .filter(translation_key__in=Delivery.objects.values("issue__translation_key"))
            .defer_streamfields()
            .order_by("-first_published_at")
        )
        return context


class NewsletterIssuePage(SitePage):
    body = StreamField(IssueBodyBlock(), blank=True, verbose_name=_("body"))

    base_form_class = NewsletterIssueForm
    content_panels = SitePage.content_panels + [FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("body")]
    translatable_fields = SitePage.translatable_fields + [TranslatableField("body")]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []
    template = "newsletters/newsletter_issue_page.html"

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    @cached_property
    def english(self):
        """The English issue, which the deliveries belong to (this one if it has none)."""
        english = self.get_translation_or_none(Locale.get_default())
        return english.specific if english else self


class Delivery(models.Model):
    QUEUED, SENDING, SENT, RETRY, FAILED, UNKNOWN, SKIPPED, HELD = (
        "queued",
        "sending",
        "sent",
        "retry",
        "failed",
        "unknown",
        "skipped",
        "held",
    )
    STATUS_CHOICES = [
        (QUEUED, _("Waiting to be sent")),
        (SENDING, _("Being sent")),
        (SENT, _("Sent")),
        (RETRY, _("Refused for now, tried again later")),
        (FAILED, _("Refused by the mail server")),
        (UNKNOWN, _("Interrupted: may or may not have arrived")),
        (SKIPPED, _("Not sent: no longer subscribed")),
        (HELD, _("Not sent: the translation is not published")),
    ]
    # What a worker may take (RETRY once its time has come).
    TO_SEND = (QUEUED, RETRY)

    issue = models.ForeignKey(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    # The language of the text sent: the subscriber's, or English where the moderator chose it
    # for a language whose translation is not published.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=QUEUED)
    not_before = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The run of the task that claimed the row: it sends only what it claimed.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    response = models.CharField(_("mail server's answer"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        permissions = [("send_newsletter", "Can send newsletters")]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_address")
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
