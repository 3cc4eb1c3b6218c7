"""Move the content version on whenever something a public page may show changes, and the
structure version too unless only a live page's own content changed (``core.caching``)."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core import upstream
from core.caching import new_content_version, new_page_content_version

from .warming import warm_after_commit

# Sites too: which site answers a host is kept per content version (core/routing.py); and
# locales (core.models.active_locale).
ALWAYS_SHOWN = (
    Locale,
    Page,
    PageViewRestriction,
    Site,
    AbstractImage,
    AbstractDocument,
    BaseGenericSetting,
    BaseSiteSetting,
)
# What saving a draft or locking a page writes: nothing visitors see (publishing is signalled).
EDITING_FIELDS = {
    upstream.PAGE_COMMENTS_RELATION,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}
# What other pages show of a page, besides its listings' cards: where it is and its address,
# its title (menus, breadcrumbs), whether it is live and in the menu, its language and aliases.
PLACE_FIELDS = (
    "live",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "show_in_menus",
    "locale_id",
    "translation_key",
    "alias_of_id",
)


def content_changed(**kwargs):
    new_content_version()
    # After the version has moved on: the pages are asked for under the new one.
    warm_after_commit([])


def page_changed(instance, **kwargs):
    new_content_version()
    warm_after_commit([instance.pk])


def page_was_published(instance, **kwargs):
    """Publishing saves the page first: that save moved on what it changed."""
    new_page_content_version()
    warm_after_commit([instance.pk])


def object_published(instance, **kwargs):
    # A page sends ``page_published`` as well.
    if not isinstance(instance, Page):
        content_changed()


def only_editing(update_fields):
    return bool(update_fields) and set(update_fields) <= EDITING_FIELDS


def note_place_before_save(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page) and instance.pk and not only_editing(update_fields):
        instance._place_before_save = (
            Page.objects.filter(pk=instance.pk).values_list(*PLACE_FIELDS).first()
        )


def stayed_in_place(page):
    """Whether a saved page was live and is still, in the same place, with the same title and
    menu entry, as ``note_place_before_save`` read it."""
    before = page.__dict__.pop("_place_before_save", None)
    return bool(before and before[0]) and before == tuple(
        getattr(page, field) for field in PLACE_FIELDS
    )


def model_saved(sender, instance, update_fields=None, **kwargs):
    if only_editing(update_fields):
        return
    if isinstance(instance, Page) and stayed_in_place(instance):
        new_page_content_version()
    elif issubclass(sender, ALWAYS_SHOWN) or sender in upstream.snippet_models():
        content_changed()


def model_deleted(sender, **kwargs):
    if issubclass(sender, ALWAYS_SHOWN) or sender in upstream.snippet_models():
        content_changed()


def connect_signals():
    published.connect(object_published, dispatch_uid="page-cache-published")
    page_published.connect(page_was_published, dispatch_uid="page-cache-page-published")
    unpublished.connect(content_changed, dispatch_uid="page-cache-unpublished")
    for signal in (page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"page-cache-{id(signal)}")
    pre_save.connect(note_place_before_save, dispatch_uid="page-cache-place")
    post_save.connect(model_saved, dispatch_uid="page-cache-save")
    post_delete.connect(model_deleted, dispatch_uid="page-cache-delete")
