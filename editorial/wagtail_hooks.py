from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from core import upstream
from core.models import default_locale_id

from .release import release_in_all_languages
from .snippet_languages import may_write_snippet
from .translation_dashboard import TranslationWorkPanel, locales_to_translate
from .translation_review import edit_url, is_reviewed, submit_translation_for_review
from .translation_sources import convert_to_alias, locales_user_may_start
from .translation_sources import urlpatterns as translation_source_urls
from .translation_updates import translation_changes


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("release/<int:page_id>/", release_in_all_languages, name="release_in_all_languages"),
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="submit_translation_for_review",
        ),
        # Before wagtail-localize's own path (this app comes first in INSTALLED_APPS).
        path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias),
        *translation_source_urls,
        path(
            "translations/<int:translation_id>/changes/",
            translation_changes,
            name="translation_changes",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    if locales_to_translate(request.user):
        panels.append(TranslationWorkPanel(request.user))


@hooks.register("before_edit_page")
@hooks.register("before_edit_snippet")
def no_publishing_over_a_review(request, instance):
    """wagtail-localize's "Publish in <language>" publishes whatever is in translation memory,
    submitted or not; while the page or snippet is in review, the moderator approves or rejects
    instead."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if isinstance(instance, Page):
        instance = instance.specific
    if not is_reviewed(instance):
        return None
    state = instance.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return None
    messages.error(
        request,
        _(
            "This translation is waiting for review: approve it or request changes, so that what "
            "is published is what was reviewed."
        ),
    )
    return redirect(edit_url(instance))


# Before wagtail-localize's hook, which opens the translation editor in place of the snippet's.
@hooks.register("before_edit_snippet", order=-1)
def snippets_of_the_translators_language(request, instance):
    """A translator opens only their own language's snippets (their right to change snippets is
    model-wide in Django; see editorial.snippet_languages)."""
    if is_reviewed(instance) and not may_write_snippet(
        request.user, type(instance), instance.locale_id
    ):
        raise PermissionDenied
    return None


@hooks.register("before_edit_page")
def translation_of_a_placeholder(request, page):
    """A placeholder whose translation is under way opens in the translation editor, where
    wagtail-localize would offer "Translate this page" again (it looks only at ``alias_of``)."""
    if page.alias_of_id is None:
        return None
    translation = upstream.enabled_translation_of(page)
    if translation is None:
        return None
    return upstream.translation_editor(request, translation, page.specific)


@hooks.register("register_page_header_buttons")
def release_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Release in all languages"),
            url=reverse("release_in_all_languages", args=[page.id]),
            icon_name="globe",
            priority=66,
        )


@hooks.register("register_snippet_listing_buttons")
def translate_snippet_into_your_language(snippet, user, next_url=None):
    """wagtail-localize offers "Translate" only to holders of its "submit translation" right;
    translators start translations of the originals into their own language here (the form
    that opens is theirs, editorial.translation_sources)."""
    if not is_reviewed(snippet) or user.has_perm("wagtail_localize.submit_translation"):
        return
    if snippet.locale_id != default_locale_id():
        return
    # Asked once per listing, not once per row.
    if "_startable_locale_ids" not in user.__dict__:
        user._startable_locale_ids = set(locales_user_may_start(user).values_list("id", flat=True))
    startable = user._startable_locale_ids
    if not startable:
        return
    translated = set(snippet.get_translations(inclusive=True).values_list("locale_id", flat=True))
    if startable - translated:
        opts = type(snippet)._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[opts.app_label, opts.model_name, quote(snippet.pk)],
        )
        yield Button(
            _("Translate"),
            url=url,
            icon_name="wagtail-localize-language",
            attrs={"aria-label": _("Translate '%(title)s'") % {"title": str(snippet)}},
            priority=100,
        )
