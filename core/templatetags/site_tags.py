from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core.caching import kept_per_content_version, structure_version
from core.chrome import chrome_for_request
from core.models import private_pages_q

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    return chrome_for_request(context.get("request"))


# Added to a fallback link so the page it opens can say why the visitor is there.
UNTRANSLATED_PARAMETER = "untranslated"


def translations_or_nearest(page, request):
    """Per language code, (URL, is the page itself) of the page's live translation or, where
    there is none yet, of its nearest translated ancestor (at least that language's home page).

    Kept in the cache per structure version, as the route to the page is: which translations
    are live, and their addresses, change only when pages are published for the first time,
    renamed, unpublished, moved or deleted, and each of those moves it on. A page not saved yet
    (a preview) is not kept."""
    if page.pk is None:
        return find_translations_or_nearest(page, request)
    site = Site.find_for_request(request)
    return kept_per_content_version(
        f"translations:{site.pk if site else None}:{get_language()}:{page.pk}",
        structure_version(),
        lambda: find_translations_or_nearest(page, request),
    )


def find_translations_or_nearest(page, request):
    """One query, by translation key (indexed): the page's own and those of its ancestors,
    which routing already loaded for the breadcrumbs."""
    ancestors = getattr(page, "breadcrumb_ancestors", None)
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    keys = [page.translation_key, *(ancestor.translation_key for ancestor in ancestors)]
    found = {}
    candidates = (
        Page.objects.live()
        .filter(alias_of__isnull=True)
        .exclude(private_pages_q())
        .filter(translation_key__in=keys)
        .select_related("locale")
        # What a link needs: not the thirty-odd other columns of each page.
        .only("translation_key", "url_path", "depth", "locale__language_code")
        .order_by("depth")
    )
    for candidate in candidates:
        is_page = candidate.translation_key == page.translation_key
        code = candidate.locale.language_code
        if is_page or not found.get(code, (None, False))[1]:
            found[code] = (candidate.get_url(request), is_page)
    return found


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language to this page in that language.

    A page links to its live translation; where there is none yet, to that language's nearest
    translated section (which then says the page is not translated yet), so a visitor never
    lands on a 404 nor on English text under another language's address.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    found = translations_or_nearest(page, request) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        url, is_translation = found.get(code, (None, False))
        if not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        elif url is None:
            url = f"/{code}/"
        if isinstance(page, Page) and not is_translation and code != current:
            url = f"{url}?{UNTRANSLATED_PARAMETER}=1"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": is_translation,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def page_extras(context, page):
    """What other apps add to the page (core.page_extras), rendered in order."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from core.page_extras import page_extras as extras

    request = context.get("request")
    return mark_safe(  # noqa: S308 - rendered templates, escaped by the template engine
        "".join(
            render_to_string(name, {"page": page, **extra}, request=request)
            for name, extra in extras(page, request)
        )
    )
