from django import template

from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data):
    """Structured data for search engines in a ``<script type="application/ld+json">``."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The address with the scheme and host the visitor used, as the canonical link has."""
    return context["request"].build_absolute_uri(url)
