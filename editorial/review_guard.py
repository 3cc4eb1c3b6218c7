"""Nothing reaches the public unreviewed, whichever route writes it.

Wagtail's views check permissions per view, and wagtail-localize's views (convert to alias,
translate, update, restart) write pages with only "edit" rights: its ``save_target`` saves the
translated fields into the page row even when asked for a draft. Instead of one patch per URL,
the rule is kept where every route passes, the model's save and delete: while a request is
being answered, the row of a live page, or of a snippet or setting visitors see, changes only if
the person making the request may publish it. Snippets have drafts like pages (their
revisions pass), and a translator writes only their own language's snippets and revisions of
them. Anything else is refused with ``UnreviewedChange`` (a 403), and the request's writes are rolled back whole. Drafts and submissions are revisions,
which never touch the row, so they pass. Work done outside a request (migrations, management
commands, ``publish_scheduled``) is the operators' and passes. docs/review-guard.md explains the
design.
"""

import contextvars
import functools
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, Revision

from core import upstream
from core.models import CARD_PICTURE_FIELDS

from .permissions import has_model_permission
from .snippet_languages import may_write_snippet

_current_request = contextvars.ContextVar("review_guard_request", default=None)
_drafting = contextvars.ContextVar("review_guard_drafting", default=False)

# Page fields that record the editorial state, not what visitors see.
EDITORIAL_STATE_FIELDS = {
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "numchild",
    upstream.PAGE_COMMENTS_RELATION,
    "comments",
}


class UnreviewedChange(PermissionDenied):
    """A write that would change what visitors see without a moderator's approval."""


def acting_user():
    """The signed-in person whose request is being answered, or None outside requests."""
    request = _current_request.get()
    return None if request is None else request.user


class ReviewGuardMiddleware:
    """Names the person behind each write, and makes every state-changing request all-or-nothing:
    a refused write (or any error) undoes what the request wrote before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
                return self.get_response(request)
            with transaction.atomic():
                response = self.get_response(request)
                if getattr(request, "review_guard_failed", False):
                    transaction.set_rollback(True)
            return response
        finally:
            _current_request.reset(token)

    def process_exception(self, request, exception):
        request.review_guard_failed = True


@contextmanager
def rolled_back():
    """Lets wagtail-localize build a translated page the only way it can, by saving it, and undoes
    every write when the block ends: read what you need (the revision it saved) inside."""
    with transaction.atomic():
        token = _drafting.set(True)
        try:
            yield
        finally:
            _drafting.reset(token)
            transaction.set_rollback(True)


def _may_publish_page(user, page):
    return page.permissions_for_user(user).can_publish()


def _changed_fields(stored, instance, update_fields):
    """What visitors would see change: fields and child rows (modelcluster) of the page."""
    before, after = stored.serializable_data(), instance.serializable_data()
    names = (set(before) | set(after)) - EDITORIAL_STATE_FIELDS - {"pk", "id", "page_ptr"}
    if update_fields is not None:
        names &= {name.removesuffix("_id") for name in update_fields}
    return sorted(name for name in names if before.get(name) != after.get(name))


def guard_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or not isinstance(instance, Page):
        return
    if (
        update_fields is not None
        and not {name.removesuffix("_id") for name in update_fields} - EDITORIAL_STATE_FIELDS
    ):
        return  # editorial bookkeeping only (revisions, locks): no query
    _a_translation_replaces_its_placeholder(instance)
    user = acting_user()
    if user is None or _drafting.get():
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    if stored is None or not (stored.live or instance.live) or _may_publish_page(user, stored):
        return
    if _changed_fields(stored, instance, update_fields):
        raise UnreviewedChange(
            _("Only a moderator can change what visitors see: submit your change for review.")
        )


def _a_translation_replaces_its_placeholder(instance):
    """A Finnish or Russian placeholder (an alias of the English page) stays one while its
    translation is reviewed, its draft a revision of the alias; when that revision is published it
    becomes the translated page. Wagtail keeps ``alias_of`` from the row when it publishes; an
    alias otherwise shows a revision of its original, never one of its own."""
    if not (instance.alias_of_id and instance.live_revision_id):
        return
    stored = Page.objects.filter(pk=instance.pk).values("alias_of_id", "live_revision_id").first()
    publishing = (
        stored and stored["alias_of_id"] and stored["live_revision_id"] != instance.live_revision_id
    )
    if publishing and instance.live_revision.object_id == str(instance.pk):
        instance.alias_of_id = None


def guard_page_delete(sender, instance, **kwargs):
    user = acting_user()
    if user is None or _drafting.get() or not isinstance(instance, Page) or not instance.live:
        return
    if not _may_publish_page(user, instance):
        raise UnreviewedChange(_("Only a moderator can remove a published page."))


@functools.cache
def public_models():
    """Snippets and settings that visitors see at once when saved (no draft state); asked once
    every app's admin hooks have registered theirs."""
    models = upstream.snippet_and_setting_models()
    return {model for model in models if not issubclass(model, DraftStateMixin)}


def guard_public_model(sender, instance, raw=False, **kwargs):
    user = acting_user()
    if raw or user is None or _drafting.get() or sender not in public_models():
        return
    opts = sender._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise UnreviewedChange(_("Only a moderator can change what visitors see."))


@functools.cache
def reviewed_snippet_models():
    """Snippets with drafts: visitors see their live row, which only publishing changes."""
    models = upstream.snippet_and_setting_models()
    return {model for model in models if issubclass(model, DraftStateMixin)}


def _not_your_language():
    return UnreviewedChange(_("You may change only the snippets of your own language."))


def guard_reviewed_snippet(sender, instance, raw=False, update_fields=None, signal=None, **kwargs):
    """A live snippet's row changes, and a snippet goes live or is removed, only when someone
    who may publish it does it; a translator writes only their own language's snippets."""
    user = acting_user()
    if raw or user is None or _drafting.get() or sender not in reviewed_snippet_models():
        return
    if not may_write_snippet(user, sender, instance.locale_id):
        raise _not_your_language()
    if has_model_permission(user, sender, "publish"):
        return
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).first()
    if signal is pre_delete or stored is None:
        # Removing it, or making it: only a draft (not live) is anyone's to remove or make.
        if instance.live:
            raise UnreviewedChange(
                _("Only a moderator can publish or remove what visitors see: submit it for review.")
            )
        return
    if (stored.live or instance.live) and _changed_fields(stored, instance, update_fields):
        raise UnreviewedChange(
            _("Only a moderator can change what visitors see: submit your change for review.")
        )


def guard_snippet_revision(sender, instance, raw=False, **kwargs):
    """A draft of a snippet is written only by someone who may write its language."""
    user = acting_user()
    if raw or user is None or _drafting.get() or instance.pk is not None:
        return
    model = instance.content_type.model_class()
    if model not in reviewed_snippet_models():
        return
    if not may_write_snippet(user, model, upstream.revision_locale_id(instance)):
        raise _not_your_language()


# What visitors see of an image (its file and what its pictures are drawn from) or a document.
VISIBLE_MEDIA_FIELDS = {"file", *CARD_PICTURE_FIELDS}


def guard_media(sender, instance, raw=False, update_fields=None, signal=None, **kwargs):
    """An image or document a live page uses changes only with the approval of someone who may
    publish every such page; a new upload is not public until a published page uses it."""
    user = acting_user()
    if raw or user is None or _drafting.get() or instance.pk is None:
        return
    if sender not in (get_image_model(), get_document_model()):
        return
    if signal is pre_save:
        fields = {field.name for field in sender._meta.concrete_fields} & VISIBLE_MEDIA_FIELDS
        if update_fields is not None:
            fields &= set(update_fields)
        stored = sender._default_manager.filter(pk=instance.pk).first() if fields else None
        if stored is None or all(
            getattr(stored, name) == getattr(instance, name) for name in fields
        ):
            return
    for page in upstream.live_pages_using(instance):
        if not _may_publish_page(user, page):
            raise UnreviewedChange(
                _("A published page shows this file: only a moderator can change or delete it.")
            )


def connect():
    pre_save.connect(guard_page_save, dispatch_uid="editorial.review_guard.page_save")
    pre_delete.connect(guard_page_delete, dispatch_uid="editorial.review_guard.page_delete")
    pre_save.connect(guard_public_model, dispatch_uid="editorial.review_guard.model_save")
    pre_delete.connect(guard_public_model, dispatch_uid="editorial.review_guard.model_delete")
    pre_save.connect(guard_reviewed_snippet, dispatch_uid="editorial.review_guard.snippet_save")
    pre_delete.connect(guard_reviewed_snippet, dispatch_uid="editorial.review_guard.snippet_delete")
    pre_save.connect(
        guard_snippet_revision, sender=Revision, dispatch_uid="editorial.review_guard.revision"
    )
    pre_save.connect(guard_media, dispatch_uid="editorial.review_guard.media_save")
    pre_delete.connect(guard_media, dispatch_uid="editorial.review_guard.media_delete")
