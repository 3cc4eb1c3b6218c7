"""The Wagtail and wagtail-localize behaviour the review guard and the translators' drafts rely
on (home/upstream.py, editorial/review_guard.py). Each test names what to revisit when an
upgrade makes it fail."""

import inspect

import pytest
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation

from core import upstream

pytestmark = pytest.mark.django_db


def test_save_target_writes_the_page_row_even_for_a_draft(english_with_placeholder):
    """Why the guard exists and why drafts are built in a rolled-back block
    (translation_review.save_translation_as_draft)."""
    english, placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=placeholder.locale)
    translation.save_target(publish=False)
    row = Page.objects.get(pk=placeholder.pk)
    assert row.alias_of_id is None and row.live


def test_aliases_keep_no_revisions_and_publishing_keeps_the_rows_alias(english_with_placeholder):
    """Why a placeholder's draft is saved with ``alias_of`` cleared in memory, and why the guard
    turns the placeholder into a page when its revision is published."""
    _english, placeholder = english_with_placeholder
    page = Page.objects.get(pk=placeholder.pk).specific
    with pytest.raises(RuntimeError):
        page.save_revision()
    page.alias_of_id = None
    revision = page.save_revision()
    assert Page.objects.get(pk=placeholder.pk).alias_of_id is not None
    assert Revision.objects.get(pk=revision.pk).as_object().alias_of_id is not None


def test_the_internal_views_take_what_upstream_passes():
    assert list(inspect.signature(edit_translation.edit_translation).parameters) == ["request", "translation", "instance"]
    assert list(inspect.signature(convert.convert_to_alias).parameters) == ["request", "page_id"]


def test_the_translation_of_a_placeholder_is_found_as_localize_finds_it(english_with_placeholder):
    english, placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=placeholder.locale)
    assert upstream.enabled_translation_of(placeholder) == translation


def test_pages_using_a_document_are_found_in_the_reference_index():
    from wagtail.documents import get_document_model

    document = get_document_model().objects.order_by("pk").first()
    if document is None:
        pytest.skip("the demo has no document")
    pages = list(upstream.live_pages_using(document))
    assert pages, "every demo document is linked from a published page"


@pytest.mark.no_demo
def test_localize_editor_template_has_the_editor_where_our_override_inserts_before_it():
    """editorial/templates/wagtail_localize/admin/edit_translation.html extends localize's editor
    template, gives it our props as ``props`` and inserts the review actions just before the
    editor's element (editorial.templatetags.translation_editor): revisit both when this fails."""
    from pathlib import Path

    import wagtail_localize

    from editorial.templatetags.translation_editor import EDITOR_MARKUP

    template = Path(wagtail_localize.__file__).parent / "templates/wagtail_localize/admin/edit_translation.html"
    source = template.read_text()
    assert source.count(EDITOR_MARKUP) == 1
    assert f'{EDITOR_MARKUP} data-props="{{{{ props }}}}">' in source
    assert source.count("{% block content %}") == 1
