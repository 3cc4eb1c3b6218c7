"""News, reports, guidelines and articles: a filtered list with year archives and feeds."""

import datetime
import re
from typing import NamedTuple
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import upstream
from core.blocks import BodyStreamBlock
from core.caching import content_version, kept_per_content_version
from core.forms import AreaTaggedPageForm
from core.listing import paginate_uncounted
from core.models import (
    Area,
    AreaTaggedMixin,
    Person,
    SectionIndexPage,
    SitePage,
    areas_of_locale,
    default_locale_id,
    in_memory_relations,
    ready_for_cards,
    shown_in_language,
)
from core.structured_data import link_preview_image, organisation_reference, person_page_urls

from .feeds import AtomPublicationFeed, RssPublicationFeed

FEED_SIZE = 20
RELATED_COUNT = 3
# The list serves the archive of a year at <list>/2026/, so no publication may have such a slug.
YEAR_SLUG = re.compile(r"\d{4}")


# A list whose publications span more years than this (a mistyped date) finds its years by
# reading every publication rather than by asking year by year.
MAX_YEARS_ASKED = 200


class PublicationKind(models.TextChoices):
    NEWS = "news", _("News")
    REPORT = "report", _("Report")
    GUIDELINE = "guideline", _("Guideline")
    ARTICLE = "article", _("Article")


def with_local_authors(pages):
    """Give each page ``local_authors``: its authors in the page's language, in one query.

    Listings should ``prefetch_related("authors")`` first."""
    pages = list(pages)
    links = {page.pk: list(page.authors.all()) for page in pages}
    person_ids = {link.person_id for page_links in links.values() for link in page_links}
    people = (
        list(
            Person.objects.filter(
                Q(pk__in=person_ids)
                | Q(
                    translation_key__in=Person.objects.filter(pk__in=person_ids).values(
                        "translation_key"
                    ),
                    locale_id__in={default_locale_id(), *(page.locale_id for page in pages)},
                )
            )
        )
        if person_ids
        else []
    )
    by_id = {person.pk: person for person in people}
    translations = {(person.translation_key, person.locale_id): person for person in people}
    for page in pages:
        authors = [by_id[link.person_id] for link in links[page.pk] if link.person_id in by_id]
        upstream.set_cached_property(
            page, "local_authors", shown_in_language(authors, page.locale_id, translations)
        )
    return pages


class FilterChoices(NamedTuple):
    """What a publication list's filters offer; each year with its archive's path below the list."""

    areas: list
    tags: list
    years: list


def years_spanned(publications):
    """The years from the newest of ``publications`` back to the oldest (none if there are
    none), or None if they are more than ``MAX_YEARS_ASKED``."""
    dates = publications.values_list("date_published", flat=True)
    newest = dates.first()
    if newest is None:
        return range(0)
    oldest = dates.order_by("date_published", "pk").first()
    span = range(newest.year, oldest.year - 1, -1)
    return span if len(span) <= MAX_YEARS_ASKED else None


def asked_at_once(questions):
    """{name: whether the queryset has a row} of ``questions``, in one query. Each is answered by
    its first row in its own order, which the database finds walking the index of that order (the
    publications' date): asked in a condition, or with ``Exists``, it may read every row to answer
    them all, or walk another index from the wrong end."""
    if not questions:
        return {}
    # Asked on a row of any table there is one of (a publication has a language).
    found = Locale.objects.values(
        **{name: Subquery(queryset.values("pk")[:1]) for name, queryset in questions.items()}
    ).first()
    return {name: found[name] is not None for name in questions}


def latest_publications_of_area(area, locale, request, count=3):
    return list(
        PublicationPage.in_area(area)
        .live()
        .public()
        .filter(locale=locale, alias_of__isnull=True)
        .for_cards("kind", "date_published")
        .order_by("-date_published", "-pk")[:count]
    )


class PublicationIndexPage(RoutablePageMixin, SectionIndexPage):
    """The list of publications of one language, with filters, year archives and feeds."""

    subpage_types = ["publications.PublicationPage"]
    template = "publications/publication_index_page.html"

    class Meta:
        verbose_name = _("publication list")

    def publications(self):
        """Live, public publications of this list and its language, newest first.

        Aliases (pages not translated yet, showing the original language) are left out."""
        return (
            PublicationPage.objects.child_of(self)
            .live()
            .public()
            .filter(locale_id=self.locale_id, alias_of__isnull=True)
            .order_by("-date_published", "-pk")
        )

    def feed_items(self):
        return with_local_authors(
            self.publications()
            .defer_streamfields()
            .prefetch_related("tags", "attachments__document", "authors")[:FEED_SIZE]
        )

    @re_path(rf"^(?P<year>{YEAR_SLUG.pattern})/$", name="year")
    def year_archive(self, request, year):
        year = int(year)
        if (
            year < datetime.MINYEAR
            or not self.publications().filter(date_published__year=year).exists()
        ):
            raise Http404
        return self.render(request, archive_year=year)

    def year_archive_urls(self):
        """(year, address) of the list's year archives: one for each year it has publications of."""
        return [(year, self.url + path) for year, path in self.filter_choices().years]

    def year_archive_translations(self, year):
        """The year's archive (language code, address, whether it is the default language's) in
        each language whose list has publications of that year, in the site's order of
        languages (for ``hreflang``)."""

        def find():
            lists = list(
                PublicationIndexPage.objects.live()
                .public()
                .filter(translation_key=self.translation_key, alias_of__isnull=True)
                .select_related("locale")
            )
            # Only whether each list has a publication of that year, not all its filters' choices.
            has_year = asked_at_once(
                {
                    f"list_{index.pk}": index.publications().filter(date_published__year=year)
                    for index in lists
                }
            )
            path = self.reverse_subpage("year", args=(year,))
            found = {
                index.locale.language_code: index.url + path
                for index in lists
                if has_year[f"list_{index.pk}"]
            }
            return [
                {"code": code, "url": found[code], "is_default": code == settings.LANGUAGE_CODE}
                for code, _name in settings.LANGUAGES
                if found.get(code)
            ]

        return kept_per_content_version(
            f"publication-archive-languages:{self.translation_key}:{year}", content_version(), find
        )

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return RssPublicationFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return AtomPublicationFeed(self)(request)

    def filter_choices(self):
        """The areas, tags and years the list's filters offer: those of its publications.

        Each is asked for as "has the list one?", which the database answers from the first
        publication it finds: collecting them from every publication took longer the more
        there were. Kept per content version, as they change only when publications do."""

        def find():
            publications = self.publications()
            candidates = areas_of_locale(self.locale_id)
            span = years_spanned(publications)
            found = asked_at_once(
                {
                    **{
                        f"area_{area.pk}": publications.filter(PublicationPage.in_area_q(area))
                        for area in candidates
                    },
                    **{
                        f"year_{year}": publications.filter(date_published__year=year)
                        for year in span or ()
                    },
                }
            )
            areas = [area for area in candidates if found[f"area_{area.pk}"]]
            if span is None:
                years = [
                    day.year for day in publications.dates("date_published", "year", order="DESC")
                ]
            else:
                years = [year for year in span if found[f"year_{year}"]]
            tags = Tag.objects.filter(
                Exists(
                    PublicationPageTag.objects.filter(tag=OuterRef("pk")).filter(
                        Exists(publications.filter(pk=OuterRef("content_object_id")))
                    )
                )
            ).order_by(Lower("name"))
            return FilterChoices(
                areas,
                list(tags),
                [(year, self.reverse_subpage("year", args=(year,))) for year in years],
            )

        return kept_per_content_version(
            f"publication-filter-choices:{self.pk}", content_version(), find
        )

    def get_context(self, request, *args, archive_year=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publications = self.publications()
        choices = self.filter_choices()
        areas, tags = choices.areas, choices.tags
        years = [year for year, _path in choices.years]

        # Unknown filter values (an old link, a typing mistake) are ignored: the list shows more.
        kind = request.GET.get("kind", "")
        kind = kind if kind in PublicationKind.values else ""
        area = next((area for area in areas if area.slug == request.GET.get("area")), None)
        tag = next((tag for tag in tags if tag.slug == request.GET.get("tag")), None)
        year = archive_year
        if year is None:
            try:
                year = int(request.GET.get("year", ""))
            except ValueError:
                year = None
            if year not in years:
                year = None

        if kind:
            publications = publications.filter(kind=kind)
        if area:
            publications = publications.filter(PublicationPage.in_area_q(area))
        if tag:
            publications = publications.filter(
                pk__in=PublicationPageTag.objects.filter(tag=tag).values("content_object_id")
            )
        if year:
            publications = publications.filter(date_published__year=year)

        listing = paginate_uncounted(request, publications.for_cards("kind", "date_published"))
        # The list's address once, not once per year as ``routablepageurl`` makes it.
        address = self.get_url(request)
        listing.object_list = ready_for_cards(listing.object_list)
        query = {"kind": kind, "area": area and area.slug, "tag": tag and tag.slug}
        if archive_year is None:
            query["year"] = year
        context.update(
            publications=listing,
            archive_year=archive_year,
            archive_title=f"{self.title} {archive_year}" if archive_year else "",
            archive_translations=self.year_archive_translations(archive_year)
            if archive_year
            else [],
            kinds=PublicationKind.choices,
            filter_areas=areas,
            filter_tags=tags,
            filter_years=years,
            archive_links=[(year, address + path) for year, path in choices.years],
            chosen_kind=kind,
            chosen_area=area,
            chosen_tag=tag,
            chosen_year=year,
            is_filtered=bool(kind or area or tag or year),
            filter_query=urlencode({key: value for key, value in query.items() if value}),
        )
        return context


class PublicationPageForm(AreaTaggedPageForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if YEAR_SLUG.fullmatch(slug):
            raise ValidationError(
                _(
                    "A year cannot be the slug of a publication: /%(year)s/ lists that year's publications."
                )
                % {"year": slug}
            )
        return slug


class PublicationPage(AreaTaggedMixin, SitePage):
    """A news item, report, guideline or article, with its authors and attached documents."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=PublicationKind.choices, default=PublicationKind.NEWS
    )
    date_published = models.DateField(
        _("date published"),
        default=timezone.localdate,
        help_text=_("Lists and feeds show publications newest first by this date."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the page, in lists and in link previews on social media "
            "(at least 1200 × 630 pixels)."
        ),
    )
    tags = ClusterTaggableManager(
        through="publications.PublicationPageTag",
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Words in this page's language that visitors can filter the list by."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    base_form_class = PublicationPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date_published")], heading=_("Publication")
        ),
        InlinePanel("authors", label=_("Author"), heading=_("Authors")),
        FieldPanel("cover_image"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Document"), heading=_("Attached documents")),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "authors", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
        index.FilterField("kind"),
        index.FilterField("date_published"),
    ]
    # Tags are not listed: they are words of each language, so a translation starts with the
    # source's tags and its editors keep them in their own language.
    translatable_fields = SitePage.translatable_fields + [
        SynchronizedField("kind"),
        SynchronizedField("date_published"),
        SynchronizedField("authors"),
        SynchronizedField("cover_image", overridable=True),
        SynchronizedField("areas"),
        TranslatableField("body"),
        TranslatableField("attachments"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    template = "publications/publication_page.html"
    serve_select_related = ("cover_image",)
    card_image_field = "cover_image"
    pictures = {"cover_image": ("publication_cover", "card", "social_image")}

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # Newest first, read backwards: an area's latest three walk it instead of sorting them all.
        indexes = [models.Index(fields=["date_published", "page_ptr"], name="publication_by_date")]

    def save(self, *args, **kwargs):
        # Translations get their slugs outside the page form: wagtail-localize reduces
        # "Годовой отчёт за 2025 год" to "2025", which would hide the page behind the year archive.
        update_fields = kwargs.get("update_fields")
        slug_is_saved = update_fields is None or "slug" in update_fields
        if slug_is_saved and self.path and YEAR_SLUG.fullmatch(self.slug or ""):
            base = slugify(self.title, allow_unicode=True)
            if not base or YEAR_SLUG.fullmatch(base):
                base = f"{self.slug}-{self.kind}"
            self.slug = find_available_slug(self.get_parent(), base, ignore_page_id=self.pk)
        return super().save(*args, **kwargs)

    @cached_property
    def index_page(self):
        # The parent is known already when the page was routed; its own fields load on demand.
        return self.get_parent().specific_deferred

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @cached_property
    def local_authors(self):
        return with_local_authors([self])[0].local_authors

    @property
    def search_result_date(self):
        return self.date_published

    @property
    def listing_meta(self):
        return f"{self.get_kind_display()} · {date_format(self.date_published, 'DATE_FORMAT')}"

    @property
    def schema_type(self):
        return "NewsArticle" if self.kind == PublicationKind.NEWS else "Article"

    def related_publications(self):
        """Up to three other publications of the same language sharing a tag or an area."""
        tag_ids = [tag.pk for tag in self.tag_list]
        if self.pk and "areas" not in in_memory_relations(self):
            # The page's own areas are asked for inside the same query.
            own_area_keys = Area.objects.filter(publications_publicationpage_pages=self).values(
                "translation_key"
            )
        else:  # a preview: the areas as the editor has them
            own_area_keys = [area.translation_key for area in self.areas.all()]
        shares_area = PublicationPage.objects.filter(areas__translation_key__in=own_area_keys)
        tagged = PublicationPageTag.objects.filter(tag_id__in=tag_ids)
        candidates = (
            PublicationPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, alias_of__isnull=True)
            .exclude(pk=self.pk)
            .filter(
                Q(pk__in=shares_area.values("pk")) | Q(pk__in=tagged.values("content_object_id"))
            )
        )
        ordering = ["-date_published", "-pk"]
        if tag_ids:
            # A shared topic says more than a shared area.
            ordering.insert(0, Exists(tagged.filter(content_object=OuterRef("pk"))).desc())
        return list(
            candidates.order_by(*ordering).for_cards("kind", "date_published")[:RELATED_COUNT]
        )

    def structured_data(self, request):
        """schema.org Article or NewsArticle for search engines."""
        publisher = organisation_reference(request)
        url = request.build_absolute_uri(self.get_url(request))
        person_urls = person_page_urls(self.locale_id)
        authors = []
        for person in self.local_authors:
            author = {"@type": "Person", "name": person.name}
            if person.role:
                author["jobTitle"] = person.role
            if person.translation_key in person_urls:
                author["url"] = request.build_absolute_uri(person_urls[person.translation_key])
            authors.append(author)
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "headline": self.title[:110],
            "description": self.get_meta_description(),
            "datePublished": self.date_published.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "author": authors or [publisher],
            "publisher": publisher,
            "image": [link_preview_image(self, request, publisher["name"])["url"]],
        }
        if self.last_published_at:
            data["dateModified"] = timezone.localtime(self.last_published_at).isoformat()
        keywords = [tag.name for tag in self.tag_list]
        if keywords:
            data["keywords"] = keywords
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            attachments=self.attachments.select_related("document"),
            related_publications=ready_for_cards(self.related_publications(), shown=self),
            structured_data=self.structured_data(request),
        )
        return context


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]


class PublicationAttachment(TranslatableMixin, Orderable):
    """A document to download with the publication; the link text is translated."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]
    translatable_fields = [
        SynchronizedField("document", overridable=True),
        TranslatableField("label"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        unique_together = [("translation_key", "locale")]

    @property
    def link_text(self):
        return self.label or self.document.title


class PublicationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        PublicationPage, on_delete=models.CASCADE, related_name="tagged_items"
    )
