import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from core import upstream
from core.caching import (
    address_digest,
    content_version,
    is_anonymous_request,
    keep_response,
    kept_response,
    remembered_per_content_version,
)
from core.listing import paginate
from core.models import AreaTaggedMixin, active_locale, private_pages_q, with_local_areas
from core.routing import site_for_request

from . import hit_counts
from .backends import HIGHLIGHT_START, HIGHLIGHT_STOP

RESULTS_PER_PAGE = 10


def public_pages(model, locale):
    # private_pages_q filters on paths from the cached list of restricted sections: no query for
    # view restrictions each time, and no subquery, which the search backends cannot take.
    return model.objects.live().filter(locale=locale).exclude(private_pages_q())


MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """The visitor's words: no control characters, single spaces, at most MAX_QUERY_LENGTH."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


@dataclass
class Result:
    page: Page
    areas: list = field(default_factory=list)
    date: datetime.date | None = None
    snippet: str = ""

    @property
    def type_label(self):
        return self.page.specific_class._meta.verbose_name


def promotions_for(search_query, locale):
    """Editors' promoted results for the query: live public pages of this language, or links."""
    pages = public_pages(Page, locale)
    return list(
        SearchPromotion.objects.filter(query__query_string=upstream.normalised_query(search_query))
        .filter(Q(page__isnull=True) | Q(page__in=pages))
        .select_related("page")
    )


def title_vocabulary(locale):
    """The words of this language's public titles, kept per content version: they are read
    from every title, which a stream of misspelt searches would otherwise do each time."""

    def read_titles():
        titles = public_pages(Page, locale).values_list("title", flat=True)
        return frozenset(word for title in titles for word in re.findall(r"\w{3,}", title.lower()))

    return remembered_per_content_version(
        f"search-title-words:{locale.pk}", content_version(), read_titles
    )


def spelling_suggestion(search_query, locale):
    """The query with each unknown word replaced by the closest word of this language's titles."""
    vocabulary = title_vocabulary(locale)
    words = re.findall(r"\w+", search_query.lower())
    corrected = [
        word
        if word in vocabulary
        else next(iter(difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)), word)
        for word in words
    ]
    return " ".join(corrected) if corrected != words else ""


def mark_terms(text, search_query):
    """Escape text and mark the words beginning like a query word (close to a stem)."""
    stems = [
        word[: max(4, len(word) - 2)] for word in re.findall(r"\w+", search_query) if len(word) > 1
    ]
    if not stems:
        return escape(text)
    pattern = re.compile(r"\b(?:{})\w*".format("|".join(map(re.escape, stems))), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def path_from_page(page_type):
    """The select_related path from Page to a page type's own row ("eventpage"), through the
    rows of the types it extends."""
    names = []
    while page_type is not Page:
        link = next(
            field
            for field in page_type._meta.local_fields
            if field.one_to_one and field.remote_field.parent_link
        )
        names.insert(0, link.related_query_name())
        page_type = link.related_model
    return "__".join(names)


def page_type_of(page):
    """The specific type of a page found (a page, or a search backend's match with its type)."""
    return ContentType.objects.get_for_id(page.content_type_id).model_class() or Page


def describe(pages, search_query, backend):
    """Type, areas, date and a highlighted passage for one page of results: one query for the
    pages of every type with their passages (each type's row joined to the page's), one per type
    for what it declares it prefetches, and one for the areas of all."""
    # Wagtail's root page is not a SitePage: it declares nothing.
    paths = {
        page_type: path_from_page(page_type) for page_type in {page_type_of(page) for page in pages}
    }
    loaded = Page.objects.filter(pk__in=[page.pk for page in pages]).select_related(
        *filter(None, paths.values())
    )
    headline = backend.headline(search_query) if hasattr(backend, "headline") else None
    if headline is not None:
        loaded = loaded.annotate(headline=headline)
    by_pk, passages = {}, {}
    for page in loaded:
        path = paths[page_type_of(page)]
        by_pk[page.pk] = reduce(getattr, path.split("__"), page) if path else page
        passages[page.pk] = getattr(page, "headline", None)
    pages = [by_pk[page.pk] for page in pages if page.pk in by_pk]
    for page_type in paths:
        related = getattr(page_type, "search_result_prefetch_related", ())
        if related:
            prefetch_related_objects([page for page in pages if type(page) is page_type], *related)
    with_local_areas(pages)

    results = []
    for page in pages:
        result = Result(page=page, date=getattr(page, "search_result_date", None))
        if isinstance(page, AreaTaggedMixin):
            result.areas = page.local_areas
        passage = passages[page.pk]
        if passage and HIGHLIGHT_START in passage:
            text = escape(passage)
            result.snippet = mark_safe(  # noqa: S308 - escaped above; only the marks become HTML
                text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
            )
        else:
            result.snippet = mark_terms(
                getattr(page, "summary", "") or page.search_description, search_query
            )
        results.append(result)
    return results


def pages_to_browse(locale):
    """The pages offered when a search finds nothing (the area pages), in the order of the tree."""
    page_types = [
        model
        for model in get_page_models()
        if getattr(model, "browse_when_search_finds_nothing", False)
    ]
    return public_pages(Page, locale).type(*page_types).order_by("path")


def count_search(request, search_query, locale, found):
    # Once per search, not again for each further page of its results.
    if search_query and "page" not in request.GET:
        hit_counts.count(search_query, locale, found)


# Not kept by the page cache, which would serve it without counting it for the editors' searches
# report. Anonymous visitors' results pages are kept here instead, per content version: a spike
# of people searching for an event (the same few words) then costs each of them a cache read and
# a count in memory (search/hit_counts.py), not a full search.
@never_cache
def search(request):
    """Search the live, public pages of the visitor's language, stemmed for that language."""
    search_query = clean_query(request.GET.get("q", ""))
    locale = active_locale()
    # The links to the pages found ask for the site, as Wagtail's serve view would have found it.
    if not upstream.site_is_known(request):
        upstream.remember_site_on_request(request, site_for_request(request))
    shared = settings.PAGE_CACHE_SECONDS and is_anonymous_request(request)
    if shared:
        key = f"search-response:{locale.language_code}:{address_digest(request)}"
        kept = kept_response(key)
        if kept is not None:
            (found,) = kept.details
            count_search(request, search_query, locale, found)
            return kept.response

    backend = get_search_backend(LANGUAGE=locale.language_code)
    promotions = []
    results, matches = Page.objects.none(), 0
    cap = settings.SEARCH_RESULTS_CAP
    if search_query:
        promotions = promotions_for(search_query, locale)
        promoted_pages = [promotion.page_id for promotion in promotions if promotion.page_id]
        pages = public_pages(Page, locale).exclude(pk__in=promoted_pages)
        # Only the type of each page found: describe() loads the page of results by type.
        results, matches = backend.capped_search(search_query, pages.only("content_type"), cap)

    result_count = min(matches, cap)
    search_results = paginate(request, results, per_page=RESULTS_PER_PAGE, count=result_count)
    found = result_count + len(promotions)
    count_search(request, search_query, locale, found)

    nothing_found = bool(search_query) and not result_count and not promotions
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": search_query,
            "search_results": search_results,
            "results": describe(search_results.object_list, search_query, backend)
            if result_count
            else [],
            "total_count": found,
            "more_than_cap": matches > cap,
            "result_cap": number_format(cap, force_grouping=True),
            "pagination_query": urlencode({"q": search_query}),
            "promotions": promotions if search_results.number == 1 else [],
            "spelling_suggestion": spelling_suggestion(search_query, locale)
            if nothing_found
            else "",
            "suggested_areas": pages_to_browse(locale) if nothing_found else [],
        },
    )
    if shared:

        def keep(rendered):
            # Not a page that put a CSRF token in (a form that posts): that belongs to one visitor.
            if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                keep_response(key, rendered, settings.PAGE_CACHE_SECONDS, found)

        response.add_post_render_callback(keep)
    return response
