"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons in the explorer's
rows, from two columns the explorer's query annotates: wagtail-localize asks three or four
queries a row for them."""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets import Button
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
