"""Move the content version on whenever something a public page may show changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core import upstream
from core.caching import new_content_version

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


def content_changed(**kwargs):
    new_content_version()
    # After the version has moved on: the pages are asked for under the new one.
    warm_after_commit([])


def page_changed(instance, **kwargs):
    new_content_version()
    warm_after_commit([instance.pk])


def model_saved_or_deleted(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= EDITING_FIELDS:
        return
    if issubclass(sender, ALWAYS_SHOWN) or sender in upstream.snippet_models():
        content_changed()


def connect_signals():
    for signal in (published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(model_saved_or_deleted, dispatch_uid="page-cache-save")
    post_delete.connect(model_saved_or_deleted, dispatch_uid="page-cache-delete")
