"""The ways public pages show images, and which images each page and snippet shows.

Templates render a use with ``{% picture_for image "card" %}`` (``templatetags/pictures.py``)
and ``renditions`` makes the same renditions ahead of visitors, so the two cannot drift apart.

Each page type and snippet declares where it shows its images in ``pictures``: the path to each
image (through child relations and foreign keys) and the uses it is shown in, e.g.
``pictures = {"image": ("page_image", "card")}``. A page's card image is shown on the cards that
list the page too. Images in StreamField blocks are "block_image" on any page.
"""

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.db.models import Manager
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage

from core import upstream


@dataclass(frozen=True)
class ImageUse:
    """One way an image is shown: its sizes (a Wagtail resize filter, braces for several), the
    formats offered, best first (the last is the fallback for browsers that know no other), and
    the ``sizes`` attribute telling the browser how wide it is shown."""

    resize: str
    formats: str = "avif,webp,jpeg"
    sizes: str | None = None

    @cached_property
    def filter_specs(self):
        """The renditions, spelled as ``{% picture %}`` spells them (``format-avif|fill-400x267``)."""
        return upstream.expand_filter_spec(
            f"format-{{{self.formats}}} {self.resize}" if self.formats else self.resize
        )


WIDE_COLUMN = "(min-width: 52rem) 48rem, 100vw"
USES = {
    "hero": ImageUse("fill-{480x300,960x480,1600x640}", sizes="100vw"),
    "section_banner": ImageUse("fill-{480x171,960x343,1400x500}", sizes="100vw"),
    "page_image": ImageUse("fill-{480x270,960x540}", sizes=WIDE_COLUMN),
    "publication_cover": ImageUse("fill-{480x252,960x504,1200x630}", sizes=WIDE_COLUMN),
    "card": ImageUse("fill-{400x267,800x533}", sizes="(min-width: 60rem) 22rem, 100vw"),
    "gallery_thumbnail": ImageUse("fill-{300x300,600x600}", sizes="(min-width: 60rem) 17rem, 50vw"),
    # The gallery viewer's large image: the link's target without JavaScript is the JPEG.
    "gallery_viewer": ImageUse("max-1600x1200"),
    "block_image": ImageUse("max-{480x480,800x800,1200x1200}", sizes=WIDE_COLUMN),
    "person_photo": ImageUse("fill-256x256"),
    # Logos may be transparent: PNG, not JPEG, for browsers without AVIF and WebP.
    "partner_logo": ImageUse("max-200x80", formats="avif,webp,png"),
    # Link previews on social media: one picture in the upload's own format (JPEG or PNG).
    "social_image": ImageUse("fill-1200x630", formats=""),
}


def models_with_pictures():
    """The page types and snippets that declare ``pictures``."""
    return [model for model in apps.get_models() if getattr(model, "pictures", None)]


def image_ids_at(obj, path):
    """The ids of the images at ``path`` from ``obj``, e.g. ``gallery_images.image``."""
    name, _, rest = path.partition(".")
    if not rest:
        image_id = getattr(obj, f"{name}_id")
        return [image_id] if image_id else []
    related = getattr(obj, name)
    items = related.all() if isinstance(related, Manager) else [related] if related else []
    return [image_id for item in items for image_id in image_ids_at(item, rest)]


def pictures_of(obj):
    """``(image id, use name)`` for every image the page or snippet shows."""
    # Wagtail's root page declares none, nor do other apps' models the reference index names.
    for path, uses in getattr(obj, "pictures", {}).items():
        for image_id in image_ids_at(obj, path):
            for use in uses:
                yield image_id, use
    for field in obj._meta.get_fields():
        if isinstance(field, StreamField):
            # The only image chooser in the shared block library is the captioned image block's.
            for model, object_id, _path, _content_path in field.extract_references(
                field.value_from_object(obj)
            ):
                if issubclass(model, AbstractImage):
                    yield int(object_id), "block_image"


def own_field_pictures(obj):
    """The page's or snippet's ``pictures`` in its own fields, not through its relations."""
    return {path: uses for path, uses in obj.pictures.items() if "." not in path}


def filter_specs_of_own_fields(obj):
    """The renditions a page or snippet shows of the images in its own fields."""
    return {
        spec
        for uses in own_field_pictures(obj).values()
        for use in uses
        for spec in USES[use].filter_specs
    }
