"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons in the explorer's
rows, from two columns the explorer's query annotates: wagtail-localize asks three or four
queries a row for them."""

import re
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.widgets import Button, ButtonWithDropdownFromHook
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from core import upstream


def with_translation_states(pages):
    """Each page with whether a language has neither a translation of it nor only an alias
    (wagtail-localize then offers "Translate this page"), and the id of its translation source
    if it has translations under way ("Sync translated pages")."""
    translated_locales = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    source_with_translations = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        _has_language_to_translate_into=Exists(Locale.objects.exclude(id__in=translated_locales)),
        _source_to_sync_id=Subquery(source_with_translations),
    )


def translation_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons (same conditions, same links), from the annotations of
    ``with_translation_states``; wagtail-localize's own where a listing has not them."""
    if not hasattr(page, "_has_language_to_translate_into"):
        yield from upstream.localize_page_listing_buttons()(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if page._has_language_to_translate_into:
        yield Button(
            _("Translate this page"),
            # An alias is translated from the page it mirrors.
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    if page._source_to_sync_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[page._source_to_sync_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


# Stand-ins for the texts of a row's dropdown: escaping leaves them as they are.
ROW_TEXT = re.compile(r"wagtail-row-text-(\d+)-")
# The markup of each shape of row dropdown, with stand-ins for its texts (False: a shape whose
# markup does not show each text once, drawn by Wagtail every time). A handful of shapes in
# practice (which buttons a row offers); emptied if it ever grows past the bound.
row_actions_skeletons = {}
ROW_ACTIONS_SKELETONS_BOUND = 512


class RowActionsFromSkeleton(ButtonWithDropdownFromHook):
    """Wagtail's "More" dropdown of a page's row, same buttons, same markup. Wagtail renders
    two templates for the dropdown and two for each of its ten or so buttons in every one of
    fifty rows, the larger part of the explorer's time; the markup differs from row to row
    only in its texts (the buttons' URLs, the toggle's label), so each shape of dropdown is
    rendered once, with stand-ins, and each row fills in its own texts."""

    def render_html(self, parent_context=None):
        found = upstream.row_actions_shape_and_texts(self)
        if found is None:
            return super().render_html(parent_context)
        shape, texts = found
        skeleton = row_actions_skeletons.get(shape)
        if skeleton is None:
            stand_ins = [f"wagtail-row-text-{number}-" for number in range(len(texts))]
            copy = upstream.row_actions_with_texts(self, stand_ins)
            # Without the request: nothing of one user's may be kept for the next.
            skeleton = ButtonWithDropdownFromHook.render_html(copy, {})
            if sorted(ROW_TEXT.findall(skeleton), key=int) != [str(n) for n in range(len(texts))]:
                skeleton = False
            if len(row_actions_skeletons) >= ROW_ACTIONS_SKELETONS_BOUND:
                row_actions_skeletons.clear()
            row_actions_skeletons[shape] = skeleton
        if skeleton is False:
            return super().render_html(parent_context)
        escaped = [conditional_escape(text) for text in texts]
        # One pass: a text that happens to contain a stand-in is not filled in again.
        return mark_safe(ROW_TEXT.sub(lambda match: escaped[int(match[1])], skeleton))  # noqa: S308


def row_actions_from_skeleton(buttons):
    """The page listing's buttons, Wagtail's "More" dropdown drawn from its skeleton."""
    for button in buttons:
        if type(button) is ButtonWithDropdownFromHook:
            # Same object, same state (its buttons are already worked out): only drawn faster.
            button.__class__ = RowActionsFromSkeleton
