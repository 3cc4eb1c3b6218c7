"""A dashboard panel for translators: per language, what is not translated yet and what is
out of date because its English source changed after it was last translated."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import DraftStateMixin, Locale, Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.caching import content_version, kept_per_content_version

from .roles import translator_group_name

MAX_ROWS = 20


def translation_work(locale, source_locale):
    """(untranslated, out of date) pages of ``locale``, each a list of (title, admin URL)."""
    # A draft nobody submitted may never be published: only what is live or in review is work.
    in_review = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    in_review_ids = sorted(int(pk) for pk in in_review.values_list("object_id", flat=True))
    untranslated = untranslated_pages(locale, source_locale, in_review_ids)
    source_published_at = Page.objects.filter(
        translation_key=OuterRef("object__translation_key"), locale=OuterRef("locale")
    ).values("last_published_at")[:1]
    translation_id = Translation.objects.filter(
        source=OuterRef("pk"), target_locale=locale, enabled=True
    ).values("id")[:1]
    # Updated from another language's translation, the source has segments this one lacks.
    awaiting_translation = StringSegment.objects.filter(source=OuterRef("pk")).exclude(
        Exists(
            StringTranslation.objects.filter(
                translation_of=OuterRef("string_id"), context=OuterRef("context_id"), locale=locale
            )
        )
    )
    sources = (
        TranslationSource.objects.filter(
            locale=source_locale, translations__target_locale=locale, translations__enabled=True
        )
        .annotate(
            source_published_at=Subquery(source_published_at),
            translation_id=Subquery(translation_id),
            awaiting_translation=Exists(awaiting_translation),
        )
        .select_related("specific_content_type")
        .order_by("object_repr")
    )
    sources = list(sources)
    _published_at_of_snippets(sources, source_locale)
    out_of_date = [
        (source.object_repr, reverse("translation_changes", args=[source.translation_id]))
        for source in sources
        if source.awaiting_translation
        or (source.source_published_at and source.source_published_at > source.last_updated_at)
    ][:MAX_ROWS]
    return untranslated, out_of_date


def untranslated_pages(locale, source_locale, in_review_ids):
    """The source's pages, live or in review, that ``locale`` has no translation of yet.

    Finding them compares every page of the two languages, which takes longer the larger the
    site, so the answer is kept. Its key changes whenever the answer can: a publication, move or
    deletion (the content version), a new page or revision (a translation started, a placeholder
    translated), or a change of what is in review."""
    latest = (
        Page.objects.aggregate(page=Max("id"))["page"],
        Revision.objects.aggregate(revision=Max("id"))["revision"],
    )
    in_review = hashlib.sha256(",".join(map(str, in_review_ids)).encode()).hexdigest()
    key = f"untranslated:{locale.pk}:{source_locale.pk}:{latest[0]}:{latest[1]}:{in_review}"

    def find():
        translated_keys = Page.objects.filter(locale=locale, alias_of__isnull=True).values(
            "translation_key"
        )
        # A placeholder stays an alias while its translation is reviewed (editorial.review_guard).
        submitted_keys = Page.objects.filter(locale=locale, id__in=in_review_ids).values(
            "translation_key"
        )
        missing = (
            Page.objects.filter(locale=source_locale, depth__gt=1)
            .filter(Q(live=True) | Q(id__in=in_review_ids))
            .exclude(translation_key__in=translated_keys)
            .exclude(translation_key__in=submitted_keys)
            .order_by("path")
        )
        missing = list(missing[:MAX_ROWS])
        placeholders = dict(
            Page.objects.filter(
                locale=locale, translation_key__in=[page.translation_key for page in missing]
            ).values_list("translation_key", "id")
        )
        return [
            (page.title, _untranslated_link(page, locale, placeholders.get(page.translation_key)))
            for page in missing
        ]

    return kept_per_content_version(key, content_version(), find)


def _published_at_of_snippets(sources, source_locale):
    """When each snippet source was last published (the query above asks pages only): one
    query per snippet model with drafts."""
    by_model = {}
    for source in sources:
        if source.source_published_at is None:
            model = source.specific_content_type.model_class()
            if model is not None and issubclass(model, DraftStateMixin):
                by_model.setdefault(model, []).append(source)
    for model, model_sources in by_model.items():
        published_at = dict(
            model.objects.filter(
                locale=source_locale,
                translation_key__in=[source.object_id for source in model_sources],
            ).values_list("translation_key", "last_published_at")
        )
        for source in model_sources:
            source.source_published_at = published_at.get(source.object_id)


def _untranslated_link(page, locale, placeholder_id):
    if placeholder_id:
        # An alias made by locale synchronisation opens with a "Translate this page" button.
        return reverse("wagtailadmin_pages:edit", args=[placeholder_id])
    # The English page's editor is closed to translators; its translation form is open to them.
    url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    return f"{url}?{urlencode({'select_locale': locale.language_code})}"


def locales_to_translate(user):
    default = Locale.get_default()
    locales = Locale.objects.exclude(id=default.id).order_by("language_code")
    if user.is_superuser:
        return list(locales)
    names = set(user.groups.values_list("name", flat=True))
    return [locale for locale in locales if translator_group_name(locale.language_code) in names]


class TranslationWorkPanel(Component):
    name = "translation_work"
    order = 110
    template_name = "editorial/admin/translation_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        source_locale = Locale.get_default()
        context["languages"] = [
            {"locale": locale, "work": translation_work(locale, source_locale)}
            for locale in locales_to_translate(self.user)
        ]
        context["heading"] = _("Translation work")
        return context
