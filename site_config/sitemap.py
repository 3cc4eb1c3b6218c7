"""A sitemap of every language's live pages and the publication lists' year archives, each with
its translations as alternates and the English original as x-default.

Wagtail's own sitemap lists only the default language's tree (wagtail #6583) and no routes of a
routable page."""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page

from core.models import private_pages_q
from publications.models import PublicationIndexPage


def sitemap(request):
    pages = (
        Page.objects.live()
        # Not Wagtail's public(): a restriction holds for the page's translations too (core.privacy).
        .exclude(private_pages_q())
        .filter(alias_of__isnull=True, depth__gt=1)
        .select_related("locale")
        .order_by("path")
    )
    entries = []
    by_translation = defaultdict(list)

    def add(translation, url, language, lastmod=None):
        entry = {
            "location": request.build_absolute_uri(url),
            "language": language,
            "lastmod": lastmod,
            "alternates": by_translation[translation],
        }
        by_translation[translation].append(entry)
        entries.append(entry)

    for page in pages:
        url = page.get_url(request)
        if url:
            add(page.translation_key, url, page.locale.language_code, page.last_published_at)
    publication_lists = (
        PublicationIndexPage.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .select_related("locale")
        .order_by("path")
    )
    for index in publication_lists:
        for year, url in index.year_archive_urls():
            add((index.translation_key, year), url, index.locale.language_code)
    return TemplateResponse(
        request,
        "sitemap.xml",
        {"entries": entries, "default_language": settings.LANGUAGE_CODE},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
