from collections import defaultdict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    Locale,
    Orderable,
    Page,
    PageManager,
    TranslatableMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from performance.memo import Memo
from performance.pictures import USES, filter_specs_of_own_fields
from performance.rendition_rows import load_rendition_rows

from .blocks import BodyStreamBlock
from .fields import SpokenLanguagesField, spoken_language_names
from .forms import AreaTaggedPageForm
from .privacy import private_pages_q, view_restrictions_for

# What a listing card shows of a page besides its type's own details, its picture and its areas
# (``home.cards``), and what its address is made from.
CARD_PAGE_FIELDS = ("title", "summary", "url_path", "locale")
# What a card's picture needs of its image: the focal point, to pick the renditions, and the
# text Wagtail's markup falls back on for the alt text.
CARD_PICTURE_FIELDS = (
    "title",
    "description",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        return private_pages_q()

    def for_cards(self, *fields, image):
        """Pages with only what their listing cards show: the shared card fields, ``fields`` of
        the page type and the picture of the ``image`` foreign key. A page row has some forty
        columns (Wagtail's page table, the page type's, the image's); loading the dozen a card
        shows takes a third less time to ask for, fetch and build."""
        return self.select_related(image).only(
            *CARD_PAGE_FIELDS, *fields, image, *(f"{image}__{field}" for field in CARD_PICTURE_FIELDS)
        )


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


# Each process keeps up to 8,192 page addresses (a few hundred bytes each).
remembered_url_parts = Memo(8192)


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
    # Related objects the page's own template shows, loaded with the page when it is served.
    serve_select_related = ()

    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's address of the page, remembered per process. Wagtail reverses the URL
        pattern in the page's language for every link (a listing of 33 cards spent 2 ms on it);
        the address depends only on what the key holds: the page's path, the sites it is under,
        the active language, the URL configuration and the script prefix. A page under several
        sites depends on the request's site as well, and is not remembered."""
        sites = self._get_relevant_site_root_paths(request)
        if len({site.site_id for site in sites}) != 1:
            return super().get_url_parts(request)
        key = (self.url_path, sites, get_language(), get_urlconf(), get_script_prefix())
        return remembered_url_parts.get_or_make(key, lambda: super(SitePage, self).get_url_parts(request))

    def get_view_restrictions(self):
        """The restrictions on this page, its ancestors and their translations and originals
        (``home.privacy``), from what is kept per content version: no query for a public page."""
        return view_restrictions_for(self)

    @cached_property
    def breadcrumb_ancestors(self):
        """The pages above this one, from the home page down (known already when routed)."""
        return list(self.get_ancestors().filter(depth__gt=1))

    @cached_property
    def home_page(self):
        return HomePage.objects.filter(locale_id=self.locale_id).first()

    def get_meta_description(self):
        return self.summary or self.search_description


class SectionIndexPage(SitePage):
    """The one list page of a kind of content (events, galleries, publications) under a
    language's home page, with a short introduction."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]
    translatable_fields = SitePage.translatable_fields + [TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(SitePage):
    serve_select_related = ("hero_image",)

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
        from culture.models import SectionPage  # culture and events build on home
        from events.models import next_events

        context = super().get_context(request, *args, **kwargs)
        context["areas"] = list(
            SectionPage.objects.child_of(self).live().public().select_related("image", "area")
        )
        context["next_events"] = next_events(self.locale_id)
        ready_for_cards(context["areas"], context["next_events"], shown=self)
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


AREA_COLOURS = [
    ("sea", _("Sea blue")),
    ("forest", _("Forest green")),
    ("berry", _("Berry red")),
    ("amber", _("Amber")),
    ("violet", _("Violet")),
]


@register_snippet
class Area(TranslatableMixin, models.Model):
    """One of the association's activity areas; pages of every app carry the areas they belong to."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=True, help_text=_("Used in filter links, e.g. culture.")
    )
    colour = models.CharField(_("colour"), max_length=20, choices=AREA_COLOURS, default="sea")
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("colour"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("colour"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Person(TranslatableMixin, models.Model):
    """Someone visitors can turn to: board members, activity leaders, staff."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("bio"),
        SynchronizedField("photo", overridable=True),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AreaTaggedMixin(models.Model):
    """Pages that belong to one or more activity areas.

    The link is by the area's translation key, so a Finnish page lists under the Finnish area
    page even while it still points at the English area snippet."""

    areas = ParentalManyToManyField(
        "home.Area",
        blank=True,
        verbose_name=_("areas"),
        related_name="%(app_label)s_%(class)s_pages",
        help_text=_("The activity areas this belongs to; it is listed on their pages."),
    )

    base_form_class = AreaTaggedPageForm

    class Meta:
        abstract = True

    @classmethod
    def in_area(cls, area):
        return cls.objects.filter(cls.in_area_q(area))

    @classmethod
    def in_area_q(cls, area):
        """Pages tagged with the area in any language. A subquery rather than a join: the join
        needs DISTINCT, which makes the database sort every matching page's whole row (body
        included) before a listing takes the first few."""
        areas = cls._meta.get_field("areas")
        # The area in every language, from the cached areas: no join of the areas table.
        area_ids = [
            translation.pk
            for (key, _locale), translation in area_translations().items()
            if key == area.translation_key
        ]
        tagged = areas.remote_field.through.objects.filter(area_id__in=area_ids)
        # From the tag table alone: joining the pages again only to name their ids doubled the
        # time of an area's listings.
        return Q(pk__in=tagged.values(f"{areas.m2m_field_name()}_id"))

    @cached_property
    def local_areas(self):
        return with_local_areas([self])[0].local_areas


class HeldInLanguagesMixin(models.Model):
    """Activities and events say which languages they are held in."""

    languages = SpokenLanguagesField(_("languages"), help_text=_("The languages it is held in."))

    class Meta:
        abstract = True

    @property
    def language_names(self):
        return spoken_language_names(self.languages)


def area_translations():
    """Every area in every language by (translation key, locale): a handful of rows that most
    pages show, kept in the cache (and in the process) until the content version moves on."""
    # The cache builds on the models.
    from performance.page_cache import content_version, remembered_per_content_version

    return remembered_per_content_version(
        "areas",
        content_version(),
        lambda: {(area.translation_key, area.locale_id): area for area in Area.objects.all()},
    )


def areas_of_locale(locale_id):
    """The areas of one language, by name (the schedule's filter), from the cached areas."""
    areas = [area for (_key, locale), area in area_translations().items() if locale == locale_id]
    return sorted(areas, key=lambda area: area.name)


def with_local_areas(pages):
    """Give each page with areas ``local_areas``: its areas in the page's own language.

    One query for pages of any types (an area page lists four): the links to the areas;
    the areas themselves come from the cache."""
    pages = list(pages)
    tagged = [page for page in pages if isinstance(page, AreaTaggedMixin)]
    # A preview or an unsaved page holds its areas in memory, not (yet) in the database.
    stored = [page for page in tagged if page.pk and "areas" not in in_memory_relations(page)]
    links = None
    for model in {type(page) for page in stored}:
        field = model._meta.get_field("areas")
        model_links = field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}__in": [page.pk for page in stored if type(page) is model]}
        ).values_list(field.m2m_field_name(), field.m2m_reverse_name())
        links = model_links if links is None else links.union(model_links, all=True)
    area_ids = defaultdict(list)
    for page_id, area_id in links if links is not None else []:
        area_ids[page_id].append(area_id)
    translations = area_translations() if tagged else {}
    by_id = {area.pk: area for area in translations.values()}
    # By identity: comparing pages (Model.__eq__) for each of a listing's pages costs n².
    stored_ids = {id(page) for page in stored}
    for page in tagged:
        if id(page) in stored_ids:
            areas = sorted((by_id[area_id] for area_id in area_ids[page.pk]), key=lambda area: area.name)
        else:
            areas = list(page.areas.all())
        page.__dict__["local_areas"] = [
                translations.get((area.translation_key, page.locale_id), area) for area in areas
            ]
    return pages


def in_memory_relations(page):
    return getattr(page, "_cluster_related_objects", {})


# The image fields page cards and page headers show; listings select them with the pages.
CARD_IMAGE_FIELDS = ("image", "cover_image", "hero_image")


def ready_for_cards(*page_lists, shown=None):
    """Load what the cards of every page listed on a page show, in two queries in all: the
    areas in each page's language and the card renditions of the pages' images (as rows:
    ``performance.rendition_rows``).

    ``shown``, the page being viewed, is loaded in the same queries: its own areas and the
    renditions of its own pictures. Only the renditions shown are loaded, not every size an
    image has in its other uses (an image on many pages has dozens)."""
    pages = [page for page_list in page_lists for page in page_list]
    loaded = [shown, *pages] if shown is not None else pages
    with_local_areas(loaded)
    images = [
        image
        for page in loaded
        for field in CARD_IMAGE_FIELDS
        if (image := getattr(page, field, None)) is not None
    ]
    specs = {*USES["card"].filter_specs, *(filter_specs_of_own_fields(shown) if shown else ())}
    load_rendition_rows(images, specs)
    return pages


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
            "people", [index.RelatedFields("person", [index.SearchField("name"), index.SearchField("role")])]
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

    class Meta:
        verbose_name = _("people and services page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = [item.person for item in self.people.select_related("person__photo")]
        keys = [person.translation_key for person in people]
        local = {
            person.translation_key: person
            for person in Person.objects.filter(
                translation_key__in=keys, locale=self.locale
            ).select_related("photo")
        }
        context["people"] = [local.get(person.translation_key, person) for person in people]
        return context


class PeoplePagePerson(Orderable):
    page = ParentalKey(PeoplePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")

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
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
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
