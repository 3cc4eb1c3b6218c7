"""A sitemap of every language's live pages, each with its translations as alternates.

Wagtail's own sitemap lists only the default language's tree (wagtail #6583)."""

from collections import defaultdict

from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page

from core.models import private_pages_q


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
    by_translation_key = defaultdict(list)
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        entry = {
            "location": request.build_absolute_uri(url),
            "language": page.locale.language_code,
            "lastmod": page.last_published_at,
            "alternates": by_translation_key[page.translation_key],
        }
        by_translation_key[page.translation_key].append(entry)
        entries.append(entry)
    return TemplateResponse(
        request, "sitemap.xml", {"entries": entries}, content_type="application/xml; charset=utf-8"
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
