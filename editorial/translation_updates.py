"""A translator brings an out-of-date translation up to date: what changed in the English page,
then the translation editor with the new segments, then "Submit for review".

wagtail-localize's own "Update translations" view needs its "submit translation" permission,
which also lets it publish every language at once, so translators may not use it (issue "No
route around review", finding 9). Here a translator of the page's language, or whoever may
publish the page, reads the changes and updates the translation source. That only refreshes the
segments to translate: the translated page itself is written when a moderator approves it."""

import re
from difflib import SequenceMatcher

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core import upstream
from editorial.translation_review import edit_url, is_reviewed, may_edit, may_publish
from editorial.translator_trees import translator_group_name

WORDS = re.compile(r"(\s+)")


def may_update_translation(user, target):
    if may_publish(user, target):
        return True
    is_translator = user.groups.filter(name=translator_group_name(target.locale.language_code))
    return may_edit(user, target) and is_translator.exists()


def _text(html):
    return upstream.text_of_segment(html)


def _by_field(segments):
    """{content path: [text, ...]} in page order; a rich text field has several per path."""
    fields = {}
    for path, html in segments:
        fields.setdefault(path, []).append(_text(html))
    return fields


def _word_diff(before, after):
    """Both texts as [(words, changed)], the changed words to be marked."""
    old, new = WORDS.split(before), WORDS.split(after)
    old_parts, new_parts = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            old_parts.append(("".join(old[i1:i2]), changed))
        if j2 > j1:
            new_parts.append(("".join(new[j1:j2]), changed))
    return old_parts, new_parts


def _field_label(model, path):
    name = path.split(".")[0]
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return path


def _followed_segments(source, locale):
    """(content path, HTML) of the English text the translation into ``locale`` follows. The
    source is shared by every language: once another language's translator has updated it, its
    segments are the new text, and what this language's translation follows is the string its
    translation at that place translates."""
    segments = StringSegment.objects.filter(source=source).order_by("order")
    if locale is None:
        return segments.values_list("context__path", "string__data")
    translated = {}
    for context_id, string_id, data in (
        StringTranslation.objects.filter(locale=locale, context__in=segments.values("context_id"))
        .order_by("updated_at")
        .values_list("context_id", "translation_of_id", "translation_of__data")
    ):
        translated.setdefault(context_id, {})[string_id] = data
    rows = []
    for path, context_id, string_id, data in segments.values_list(
        "context__path", "context_id", "string_id", "string__data"
    ):
        here = translated.get(context_id, {})
        if string_id in here or not here:
            rows.append((path, data))
        else:
            rows.append((path, list(here.values())[-1]))
    return rows


def source_changes(source, instance, locale=None):
    """What changed between the text the translation follows (the translation source) and the
    English page now: rows of kind "changed", "added" or "removed"."""
    before = _by_field(_followed_segments(source, locale))
    after = _by_field(upstream.text_segments_of(instance))
    rows = []
    for path in [*after, *(path for path in before if path not in after)]:
        old, new = before.get(path, []), after.get(path, [])
        field = _field_label(type(instance), path)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            for was, now in pairs:
                was_parts, now_parts = _word_diff(was, now)
                rows.append(
                    {"kind": "changed", "field": field, "before": was_parts, "after": now_parts}
                )
            for was in old[i1 + len(pairs) : i2]:
                rows.append(
                    {"kind": "removed", "field": field, "before": [(was, True)], "after": []}
                )
            for now in new[j1 + len(pairs) : j2]:
                rows.append({"kind": "added", "field": field, "before": [], "after": [(now, True)]})
    return rows


def _translation_and_pages(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    try:
        target = translation.get_target_instance()
        source_page = translation.source.get_source_instance()
    except ObjectDoesNotExist as err:
        raise Http404 from err
    if isinstance(target, Page):
        target = target.specific
    if not is_reviewed(target):
        raise Http404
    if not may_update_translation(request.user, target):
        raise PermissionDenied
    return translation, target, source_page


@require_http_methods(["GET", "POST"])
def translation_changes(request, translation_id):
    translation, target, source_page = _translation_and_pages(request, translation_id)
    editor_url = edit_url(target)
    if request.method == "POST":
        translation.source.update_from_db()
        messages.success(
            request,
            _(
                "The translation now follows the current %(language)s page. Translate the new "
                "and changed segments, then submit the translation for review."
            )
            % {"language": translation.source.locale.get_display_name()},
        )
        return redirect(editor_url)
    name = target.get_admin_display_title() if isinstance(target, Page) else str(target)
    title = _("Changes to translate: %(title)s") % {"title": name}
    return render(
        request,
        "editorial/admin/translation_changes.html",
        {
            "translation": translation,
            "target": target,
            "source_page": source_page,
            "changes": source_changes(translation.source, source_page, translation.target_locale),
            "editor_url": editor_url,
            "header_title": title,
            "page_title": title,
            "header_icon": "doc-empty-inverse",
        },
    )
