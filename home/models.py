from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.caching import content_version, remembered_per_content_version
from core.listings_registry import home_page_listings
from core.models import Person, SitePage, ready_for_cards, shown_in_language


class HomePage(SitePage):
    serve_select_related = ("hero_image",)
    pictures = {"hero_image": ("hero", "social_image")}

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The area pages and the next events, registered by the apps that own them.
        listings = home_page_listings(self)
        context.update(listings)
        ready_for_cards(*listings.values(), shown=self)
        return context

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.PeoplePage",
        "home.LocationPage",
        "contact_forms.FormPage",
        "culture.SectionPage",
        "culture.GalleryIndexPage",
        "events.EventIndexPage",
        "publications.PublicationIndexPage",
    ]
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


class PeoplePage(SitePage):
    """People and services: who does what, built from the people snippets."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("services"),
        help_text=_("Describe the services visitors can use, below the people."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("people", label=_("People"), heading=_("People shown on the page")),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields(
            "people",
            [index.RelatedFields("person", [index.SearchField("name"), index.SearchField("role")])],
        ),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("intro"),
        SynchronizedField("people"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/people_page.html"
    pictures = {"people.person.photo": ("person_photo",)}

    class Meta:
        verbose_name = _("people and services page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = [item.person for item in self.people.select_related("person__photo")]
        context["people"] = shown_in_language(people, self.locale_id, select_related=("photo",))
        return context


def people_page_addresses(locale_id):
    """{person's translation key: address of their entry on the language's people page}, kept
    per content version: an article names its authors' entries (``core.structured_data``)."""

    def find():
        pages = (
            PeoplePage.objects.live().public().filter(locale_id=locale_id, alias_of__isnull=True)
        )
        links = PeoplePagePerson.objects.filter(page__in=pages).select_related("page", "person")
        return {
            link.person.translation_key: f"{link.page.url}#person-{link.person.translation_key}"
            for link in links
        }

    return remembered_per_content_version(
        f"people-page-addresses:{locale_id}", content_version(), find
    )


class PeoplePagePerson(Orderable):
    page = ParentalKey(PeoplePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]


class LocationPage(SitePage):
    """Where to find the association. The map is a plain link: no third-party code loads."""

    intro = models.TextField(_("introduction"), blank=True)
    address = models.TextField(_("address"))
    opening_hours = models.TextField(_("opening hours"), blank=True)
    directions = models.TextField(
        _("directions"), blank=True, help_text=_("How to get here by bus, bicycle or car.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Steps, lifts, accessible toilets, hearing loops, parking for the disabled."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more information"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Address and map"),
            help_text=_("Coordinates make the OpenStreetMap link point at the door."),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("directions"),
        FieldPanel("accessibility"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("address"),
        index.SearchField("directions"),
        index.SearchField("body"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("directions"),
        TranslatableField("accessibility"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/location_page.html"

    class Meta:
        verbose_name = _("location page")

    @property
    def map_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )
