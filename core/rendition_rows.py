"""Renditions read as plain rows, for listings that show many pictures.

An area page lists dozens of cards, each a ``<picture>`` of several renditions. Loading those
renditions as model instances (with Django's image-dimension and file descriptors on each) was a
large share of the page's render time, although each card's markup is remembered
(``templatetags/pictures.py``) and needs the renditions only to be looked up. As rows (id,
file, width and height) they load several times faster; instances are built from them only when a
picture's markup is not remembered yet. The rows come from the database on every request, as
the instances did, so nothing can go stale.
"""

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from wagtail.images import get_image_model

from core import upstream


class RenditionRow(NamedTuple):
    pk: int
    filter_spec: str
    focal_point_key: str
    file: str
    width: int
    height: int

    @classmethod
    def of(cls, rendition):
        return cls(
            rendition.pk,
            rendition.filter_spec,
            rendition.focal_point_key,
            rendition.file.name,
            rendition.width,
            rendition.height,
        )


def load_rendition_rows(images, filter_specs):
    """Give each of ``images`` its renditions of ``filter_specs`` as rows, in one query."""
    rows = defaultdict(dict)
    found = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in={image.pk for image in images}, filter_spec__in=filter_specs)
        .values_list("image_id", "pk", "filter_spec", "focal_point_key", "file", "width", "height")
    )
    for image_id, *values in found:
        row = RenditionRow(*values)
        rows[image_id][row.filter_spec, row.focal_point_key] = row
    for image in images:
        image.rendition_rows = rows[image.pk]


def loaded_rows(image, filter_specs):
    """The rows of ``filter_specs`` at the image's focal point, in their order, as Wagtail would
    find them; None if the rows were not loaded or a rendition is missing (Wagtail then makes it)."""
    rows = getattr(image, "rendition_rows", None)
    if rows is None:
        return None
    # Wagtail's key of the focal point each spec depends on, worked out once per set of fields
    # (all of an image's crops share one): six hashes a card otherwise.
    focal_point_keys = {}
    chosen = []
    for spec in filter_specs:
        fields = vary_fields(spec)
        if fields not in focal_point_keys:
            focal_point_keys[fields] = upstream.focal_point_key(image, spec)
        row = rows.get((spec, focal_point_keys[fields]))
        if row is None:
            return None
        chosen.append(row)
    return tuple(chosen)


@lru_cache(maxsize=1024)
def vary_fields(spec):
    """The image fields a rendition of ``spec`` depends on besides its file (the focal point)."""
    return upstream.filter_vary_fields(spec)


def renditions_from_rows(image, rows):
    """Wagtail's rendition instances of ``rows``, by filter spec."""
    rendition_model = image.get_rendition_model()
    return {
        row.filter_spec: rendition_model(
            pk=row.pk,
            image=image,
            filter_spec=row.filter_spec,
            focal_point_key=row.focal_point_key,
            file=row.file,
            width=row.width,
            height=row.height,
        )
        for row in rows
    }


class RenditionFile(NamedTuple):
    url: str
    width: int
    height: int


def rendition_file(image, filter_spec):
    """The address and size of one rendition, from the image's loaded rows when they hold it
    (building no rendition instance: a page whose pictures are remembered builds none), else
    from Wagtail's rendition, made if missing."""
    rows = loaded_rows(image, [filter_spec])
    if rows is None:
        rendition = upstream.rendition_or_not_found(image, filter_spec)
        return RenditionFile(rendition.url, rendition.width, rendition.height)
    (row,) = rows
    storage = image.get_rendition_model()._meta.get_field("file").storage
    return RenditionFile(storage.url(row.file), row.width, row.height)
