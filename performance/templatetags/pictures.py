from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from performance.pictures import USES

register = template.Library()


@register.simple_tag
def picture_for(image, use, **attrs):
    """Wagtail's ``<picture>`` (sources with width descriptors, an ``<img>`` with width and
    height) for one of the uses in ``performance.pictures``: ``{% picture_for page.image "card"
    alt="" loading="lazy" %}``. With ``as name`` it gives the renditions by format instead."""
    if not image:
        return ""
    spec = USES[use]
    if spec.sizes:
        attrs.setdefault("sizes", spec.sizes)
    return Picture(get_renditions_or_not_found(image, spec.filter_specs), attrs)
