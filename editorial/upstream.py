"""Every place this project relies on a Wagtail or wagtail-localize internal (not a documented
API). editorial/tests/test_upstream.py checks each assumption, so an upgrade that changes one
fails there first."""

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
