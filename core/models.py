"""The base every content app builds on: page base classes, the snippets and settings pages of
every app show (areas, people, partners, the organisation's details), and what listing cards load."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Orderable,
    Page,
    PageManager,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import upstream
from .caching import Memo, remembered_per_content_version, structure_version
from .fields import SpokenLanguagesField, spoken_language_names
from .forms import AreaTaggedPageForm, SitePageForm
from .pictures import USES, filter_specs_of_own_fields, own_field_pictures
from .privacy import private_pages_q, view_restrictions_for
from .rendition_rows import load_rendition_rows

# What a listing card shows of a page besides its type's own details, its picture and its areas
# (``core.cards``), and what its address is made from.
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


class SitePageQuerySet(upstream.page_queryset_with_private_pages(private_pages_q)):
    def for_cards(self, *fields):
        """Pages with only what their listing cards show: the shared card fields, ``fields`` of
        the page type and the picture of its card image. A page row has some forty columns
        (Wagtail's page table, the page type's, the image's); loading the dozen a card shows
        takes a third less time to ask for, fetch and build."""
        image = self.model.card_image_field
        return self.select_related(image).only(
            *CARD_PAGE_FIELDS,
            *fields,
            image,
            *(f"{image}__{field}" for field in CARD_PICTURE_FIELDS),
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
    base_form_class = SitePageForm
    # Related objects the page's own template shows, loaded with the page when it is served.
    serve_select_related = ()
    # Where the page shows images and how (``core.pictures``): none unless its type says so.
    pictures = {}
    # The image field the cards listing the page show (``for_cards``, ``ready_for_cards``).
    card_image_field = None
    # The date a search result shows next to the page's type, if any, and the related objects
    # it is made from, loaded for a whole page of results at once.
    search_result_date = None
    search_result_prefetch_related = ()
    # Offered to browse when a search finds nothing.
    browse_when_search_finds_nothing = False

    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's address of the page, remembered per process. Wagtail reverses the URL
        pattern in the page's language for every link (a listing of 33 cards spent 2 ms on it);
        the address depends only on what the key holds: the page's path, the sites it is under,
        the active language, the URL configuration and the script prefix. A page under several
        sites depends on the request's site as well, and is not remembered."""
        sites = upstream.site_root_paths(self, request)
        if len({site.site_id for site in sites}) != 1:
            return super().get_url_parts(request)
        key = (self.url_path, sites, get_language(), get_urlconf(), get_script_prefix())
        return remembered_url_parts.get_or_make(
            key, lambda: super(SitePage, self).get_url_parts(request)
        )

    def get_view_restrictions(self):
        """The restrictions on this page, its ancestors and their translations and originals
        (``core.privacy``), from what is kept per content version: no query for a public page."""
        return view_restrictions_for(self)

    @cached_property
    def breadcrumb_ancestors(self):
        """The pages above this one, from the home page down (known already when routed)."""
        return list(self.get_ancestors().filter(depth__gt=1))

    def get_meta_description(self):
        return self.summary or self.search_description

    @property
    def card_image(self):
        return getattr(self, self.card_image_field) if self.card_image_field else None


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


class ReviewedSnippet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    models.Model,
):
    """A snippet visitors see, reviewed like a page: edits are draft revisions until a moderator
    approves them in the "Editorial review" workflow (or a scheduled revision goes live), and
    visitors only ever see the live row (``live=True``) of their language, or the original's.

    The preview shows it as visitors meet it: each model names its ``preview_partial``, the
    template pages include to show it, which reads it as ``preview_name``."""

    preview_partial = None
    preview_name = None
    admin_icon = "snippet"

    # Revisions go with the snippet (WorkflowMixin has the same for its workflow states).
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "core/snippet_preview.html"

    def get_preview_context(self, request, mode_name):
        return {
            **super().get_preview_context(request, mode_name),
            "partial": self.preview_partial,
            "kind": self._meta.verbose_name,
            self.preview_name: self,
        }

    def serve_preview(self, request, mode_name):
        # In the snippet's own language, as its visitors read it (not the admin's language).
        with override(self.locale.language_code):
            return super().serve_preview(request, mode_name).render()

    @classmethod
    def published(cls):
        return cls.objects.filter(live=True)


class Partner(ReviewedSnippet, Orderable):
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
        _("show in the footer"),
        default=False,
        help_text=_("Show the logo at the foot of every page."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldPanel("show_in_footer"),
        PublishingPanel(),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("url", overridable=True),
        SynchronizedField("logo", overridable=True),
        SynchronizedField("show_in_footer"),
    ]
    pictures = {"logo": ("partner_logo",)}
    admin_icon = "group"
    preview_partial, preview_name = "core/partner.html", "partner"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_footer(cls):
        return (
            cls.published()
            .filter(locale__language_code=get_language(), show_in_footer=True)
            .select_related("logo")
        )


AREA_COLOURS = [
    ("sea", _("Sea blue")),
    ("forest", _("Forest green")),
    ("berry", _("Berry red")),
    ("amber", _("Amber")),
    ("violet", _("Violet")),
]


class Area(ReviewedSnippet):
    """One of the association's activity areas; pages of every app carry the areas they belong to."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in filter links, e.g. culture."),
    )
    colour = models.CharField(_("colour"), max_length=20, choices=AREA_COLOURS, default="sea")
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("colour"),
        FieldPanel("description"),
        PublishingPanel(),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("colour"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    admin_icon = "tag"
    preview_partial, preview_name = "core/area_tag.html", "area"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(ReviewedSnippet):
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
        PublishingPanel(),
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
    pictures = {"photo": ("person_photo",)}
    admin_icon = "user"
    preview_partial, preview_name = "core/person.html", "person"

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
        "core.Area",
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
    pages show, kept in the cache (and in the process) until the structure version moves on
    (they are snippets)."""
    return remembered_per_content_version(
        "areas",
        structure_version(),
        lambda: {(area.translation_key, area.locale_id): area for area in Area.published().all()},
    )


def areas_of_locale(locale_id):
    """The areas of one language, by name (the schedule's filter), from the cached areas."""
    areas = [area for (_key, locale), area in area_translations().items() if locale == locale_id]
    return sorted(areas, key=lambda area: area.name)


def default_locale_id():
    """The id of the original language's locale (the one translations are made from)."""
    return remembered_per_content_version(
        "default-locale",
        structure_version(),
        lambda: (
            Locale.objects.filter(language_code=settings.LANGUAGE_CODE)
            .values_list("pk", flat=True)
            .first()
        ),
    )


def active_locale():
    """Wagtail's ``Locale.get_active()``, looked up once per language and structure version
    rather than on each request."""
    return remembered_per_content_version(
        f"locale:{get_language()}", structure_version(), Locale.get_active
    )


def in_language(snippets, locale_id, translations=None, *, select_related=()):
    """Each of ``snippets`` (of one model) as a page in the language of ``locale_id`` shows it:
    its published translation; until there is one, the published original; else None (a
    snippet nobody has published yet is not shown). None stays None.

    The translations come from ``translations``, by translation key and locale id, when the
    caller has them (the areas are kept per content version), else from one query, with
    ``select_related``. A translated page mostly points at its own language's published
    snippets already: there is then nothing to look up (not even the original's language)."""
    if all(item is None or (item.locale_id == locale_id and item.live) for item in snippets):
        return list(snippets)
    original_locale_id = default_locale_id()
    if translations is None:
        translations = {}
        others = [
            item
            for item in snippets
            if item is not None and (item.locale_id != locale_id or not item.live)
        ]
        if others:
            found = (
                type(others[0])
                .published()
                .filter(
                    translation_key__in={item.translation_key for item in others},
                    locale_id__in={locale_id, original_locale_id},
                )
            )
            for item in found.select_related(*select_related):
                translations[item.translation_key, item.locale_id] = item

    def shown(item):
        if item is None or (item.locale_id == locale_id and item.live):
            return item
        for candidate in (
            translations.get((item.translation_key, locale_id)),
            translations.get((item.translation_key, original_locale_id)),
            item,
        ):
            if candidate is not None and candidate.live:
                return candidate
        return None

    return [shown(item) for item in snippets]


def shown_in_language(snippets, locale_id, translations=None, **kwargs):
    """``in_language`` for lists: the snippets a page shows, leaving out those not published."""
    return [item for item in in_language(snippets, locale_id, translations, **kwargs) if item]


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
            # Only published areas are kept: a page's draft area is not shown.
            areas = sorted(
                (by_id[area_id] for area_id in area_ids[page.pk] if area_id in by_id),
                key=lambda area: area.name,
            )
        else:
            areas = list(page.areas.all())
        upstream.set_cached_property(
            page, "local_areas", shown_in_language(areas, page.locale_id, translations)
        )
    return pages


def in_memory_relations(page):
    return upstream.in_memory_child_relations(page)


def ready_for_cards(*page_lists, shown=None):
    """Load what the cards of every page listed on a page show, in two queries in all: the
    areas in each page's language and the card renditions of the pages' images (as rows:
    ``core.rendition_rows``).

    ``shown``, the page being viewed, is loaded in the same queries: its own areas and the
    renditions of its own pictures. Only the renditions shown are loaded, not every size an
    image has in its other uses (an image on many pages has dozens)."""
    pages = [page for page_list in page_lists for page in page_list]
    loaded = [shown, *pages] if shown is not None else pages
    with_local_areas(loaded)
    images = [page.card_image for page in pages]
    specs = {*USES["card"].filter_specs}
    if shown is not None:
        images += [getattr(shown, field) for field in own_field_pictures(shown)]
        specs |= filter_specs_of_own_fields(shown)
    load_rendition_rows([image for image in images if image is not None], specs)
    return pages


@register_setting(icon="site")
class ContactSettings(BaseGenericSetting):
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("telegram_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details and social links")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("Telegram", self.telegram_url),
        ]
        return [(name, url) for name, url in links if url]


class OrganisationDetails(ReviewedSnippet):
    """The organisation's name, address and opening hours, in each language."""

    name = models.CharField(_("organisation name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("A sentence or two shown at the foot of every page."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("footer_text"),
        PublishingPanel(),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tagline"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("footer_text"),
    ]
    admin_icon = "site"
    preview_partial, preview_name = "core/organisation.html", "organisation"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation details")
        verbose_name_plural = _("organisation details")

    def __str__(self):
        return self.name

    @classmethod
    def for_active_locale(cls):
        """This language's texts, or the default language's until they are translated."""
        return (
            cls.published().filter(locale__language_code=get_language()).first()
            or cls.published().filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )


class ContentVersion(models.Model):
    """One row: the number that every change visitors may see moves on (``core.caching``).

    Kept in the database rather than in a cache so that every process (each gunicorn worker,
    the publishing loop, a shell, the task worker) reads the same number, with or without Redis,
    and a change made while Redis is down is not lost."""

    number = models.BigIntegerField()

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)


class SentMail(models.Model):
    """A mail ``core.mail`` sent, by the key its sender gave it, so that a retried task does not
    send it again."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent e-mail")

    def __str__(self):
        return self.key


class AcceptedFormPost(models.Model):
    """A post a public form accepted (``core.form_guards``): the hourly limit counts these rows,
    so every process agrees, with or without Redis. The visitor's address is kept only as a
    keyed hash; the rows are deleted after an hour's use by the purge commands."""

    form_key = models.CharField(max_length=100)
    address_digest = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("accepted form post")
        indexes = [
            models.Index(
                fields=["form_key", "address_digest", "created"], name="core_accepted_post_recent"
            ),
            models.Index(fields=["created"], name="core_accepted_post_created"),
        ]

    def __str__(self):
        return f"{self.form_key} {self.created:%Y-%m-%d %H:%M}"
