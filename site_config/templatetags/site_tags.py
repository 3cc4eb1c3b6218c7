from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from home.models import private_pages_q
from site_config.chrome import chrome_for_request

register = template.Library()

@register.simple_tag(takes_context=True)
def site_chrome(context):
    return chrome_for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language to this page in that language.

    A page links to its live translation; where there is none yet, to that language's home
    page, so a visitor never lands on English text under another language's address.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translated_urls = {}
    homes = {}
    if isinstance(page, Page):
        for translation in (
            page.get_translations(inclusive=True)
            .live()
            .filter(alias_of__isnull=True)
            .exclude(private_pages_q())
            .select_related("locale")
        ):
            translated_urls[translation.locale.language_code] = translation.get_url(request)
        homes = {
            home.locale.language_code: home.get_url(request) for home in chrome_for_request(request)["homes"]
        }
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translated_urls.get(code) or homes.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": code in translated_urls,
            }
        )
    return links
