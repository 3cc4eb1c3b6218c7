from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from home.models import HomePage, Partner
from site_config.models import OrganisationDetails

register = template.Library()


@register.simple_tag
def locale_home_page():
    return HomePage.objects.live().filter(locale=Locale.get_active()).first()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    home = context.get("locale_home") or locale_home_page()
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().filter(alias_of__isnull=True))


@register.simple_tag
def organisation_details():
    return OrganisationDetails.for_active_locale()


@register.simple_tag
def footer_partners():
    return list(Partner.for_footer())


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
            .public()
            .filter(alias_of__isnull=True)
            .select_related("locale")
        ):
            translated_urls[translation.locale.language_code] = translation.get_url(request)
        homes = {
            home.locale.language_code: home.get_url(request)
            for home in HomePage.objects.live().filter(alias_of__isnull=True).select_related("locale")
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
