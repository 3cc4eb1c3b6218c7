from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BodyStreamBlock


class SitePage(Page):
    """Fields every public page has: a summary for listings, search results and link previews."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences shown in lists, search results and link previews "
            "(social media, search engines)."
        ),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    # Declared explicitly so translators always see the fields in the same order.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
    ]
    promote_panels = [FieldPanel("summary"), *Page.promote_panels]

    class Meta:
        abstract = True

    @cached_property
    def home_page(self):
        return HomePage.objects.filter(locale_id=self.locale_id).first()

    def get_meta_description(self):
        return self.summary or self.search_description


class HomePage(SitePage):
    hero_title = models.CharField(_("hero title"), max_length=150, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Welcome banner"),
        ),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("hero_title"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image", overridable=True),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # One home page for each language of the site.
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(SitePage):
    """Welcome, About, Aims, Guidelines, the Turku Process and other pages of text."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead paragraph."))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_snippet
class Partner(TranslatableMixin, Orderable):
    """An organisation the association works with; the logo and link are shared by all languages."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_in_footer = models.BooleanField(
        _("show in the footer"), default=False, help_text=_("Show the logo at the foot of every page.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldPanel("show_in_footer"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("url", overridable=True),
        SynchronizedField("logo", overridable=True),
        SynchronizedField("show_in_footer"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_footer(cls):
        return (
            cls.objects.filter(locale=Locale.get_active(), show_in_footer=True)
            .select_related("logo")
        )
