"""Every place this project relies on a Wagtail or wagtail-localize internal (not a documented
API). home/tests/test_upstream.py checks each assumption, so an upgrade that changes one
fails there first."""

from wagtail.models import Page, ReferenceIndex
from wagtail_localize.models import Translation
from wagtail_localize.views.convert import convert_to_alias as localize_convert_to_alias
from wagtail_localize.views.edit_translation import edit_translation


def enabled_translation_of(page):
    """The translation record whose target is ``page``, as wagtail-localize's editor finds it."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def translation_editor(request, translation, page):
    """wagtail-localize's translation editor for ``page`` (its view takes the records, no URL)."""
    return edit_translation(request, translation, page)


def convert_page_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" (confirm on GET, convert on POST)."""
    return localize_convert_to_alias(request, page_id)


def live_pages_using(obj):
    """The live pages whose published content refers to ``obj`` (an image, a document)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()])
