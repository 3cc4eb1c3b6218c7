from django import template
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from core import upstream
from core.caching import Memo
from core.pictures import USES
from core.rendition_rows import RenditionRow, loaded_rows, renditions_from_rows

register = template.Library()

# Each process keeps up to 4,096 pictures' markup (a short string each).
remembered_pictures = Memo(4096)


class RememberedPicture:
    """Wagtail's ``Picture``, with its markup built once per process for the same renditions and
    attributes. Building it (a URL for each rendition, then escaping and joining the attributes
    of three tags) was a large share of an area page's render time.
    A rendition's file never changes under the same name, so the markup cannot go stale.

    The renditions are given as rows (``core.rendition_rows``); instances are built from
    them only when the markup is not remembered, or for ``formats`` (``{% picture_for … as x %}``)."""

    def __init__(self, image, rows, attrs, renditions=None):
        self.image = image
        self.rows = rows
        self.attrs = attrs
        if renditions is not None:
            upstream.set_cached_property(self, "renditions", renditions)

    @cached_property
    def renditions(self):
        return renditions_from_rows(self.image, self.rows)

    @cached_property
    def formats(self):
        return upstream.renditions_by_format(self.renditions)

    def __html__(self):
        # The markup shows each rendition's file, width and height (a rendition just made has no
        # id yet: Wagtail makes them with ``bulk_create``).
        key = (
            tuple((row.file, row.width, row.height) for row in self.rows),
            tuple(sorted(self.attrs.items())),
        )
        # Wagtail adds srcset to the attributes it is given: it gets a copy.
        return remembered_pictures.get_or_make(
            key, lambda: upstream.picture_markup(self.renditions, dict(self.attrs))
        )

    def __str__(self):
        return mark_safe(self.__html__())  # noqa: S308 - Wagtail's markup, its attributes escaped


@register.simple_tag
def picture_for(image, use, **attrs):
    """Wagtail's ``<picture>`` (sources with width descriptors, an ``<img>`` with width and
    height) for one of the uses in ``core.pictures``: ``{% picture_for page.image "card"
    alt="" loading="lazy" %}``. With ``as name`` it gives the renditions by format instead."""
    if not image:
        return ""
    spec = USES[use]
    if spec.sizes:
        attrs.setdefault("sizes", spec.sizes)
    rows = loaded_rows(image, spec.filter_specs)
    if rows is not None:
        return RememberedPicture(image, rows, attrs)
    renditions = upstream.renditions_or_not_found(image, spec.filter_specs)
    return RememberedPicture(
        image, tuple(map(RenditionRow.of, renditions.values())), attrs, renditions
    )
