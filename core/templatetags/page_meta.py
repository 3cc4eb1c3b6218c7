"""What a page tells link previews and search engines in its <head>: OpenGraph and Twitter
cards, and the schema.org data every page of a kind shares (breadcrumbs, the organisation)."""

from django import template
from wagtail.models import Page

from core.structured_data import (
    OPEN_GRAPH_LOCALES,
    breadcrumb_list,
    json_ld_script,
    link_preview_image,
    organisation_name,
    organization,
)

register = template.Library()


@register.inclusion_tag("components/link_preview.html", takes_context=True)
def link_preview(context, title=None, url=None, kind="website"):
    """OpenGraph and Twitter card of the page: its title (or ``title``), description, canonical
    address (or ``url``), picture and languages."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"preview": None}
    request = context["request"]
    organisation = context["chrome"]["organisation"]
    site_name = organisation_name(organisation)
    if url is None:
        # Not translated yet: the original is the page to share, as the canonical link says.
        url = page.alias_of.url if page.alias_of_id else page.url
    current = page.locale.language_code
    return {
        "preview": {
            "type": kind,
            "title": title or page.seo_title or page.title,
            "description": page.get_meta_description()
            or (organisation.tagline if organisation else ""),
            "url": request.build_absolute_uri(url),
            "site_name": site_name,
            "image": link_preview_image(page, request, site_name),
            "locale": OPEN_GRAPH_LOCALES.get(current, ""),
            "alternate_locales": [
                OPEN_GRAPH_LOCALES[language["code"]]
                for language in context.get("languages", ())
                if language["is_translation"] and language["code"] != current
            ],
        }
    }


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, name=None, url=None):
    """The page's breadcrumbs as schema.org BreadcrumbList, with ``name`` at ``url`` under the
    page when it shows a part of itself (a year archive)."""
    below = [(str(name), url)] if name else []
    return json_ld_script(breadcrumb_list(context["page"], context["request"], below))


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    """The association as schema.org Organization, for its home page."""
    return json_ld_script(organization(context["request"]))
