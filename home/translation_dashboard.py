"""A dashboard panel for translators: per language, what is not translated yet and what is
out of date because its English source changed after it was last translated."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

MAX_ROWS = 20


def translation_work(locale, source_locale):
    """(untranslated, out of date) pages of ``locale``, each a list of (title, admin URL)."""
    translated_keys = Page.objects.filter(locale=locale, alias_of__isnull=True).values("translation_key")
    missing = (
        Page.objects.filter(locale=source_locale, depth__gt=1)
        .exclude(translation_key__in=translated_keys)
        .order_by("path")
    )
    untranslated = [
        (page.title, _untranslated_link(page, locale)) for page in missing[:MAX_ROWS]
    ]
    latest_source_change = Page.objects.filter(
        translation_key=OuterRef("object__translation_key"), locale=OuterRef("locale")
    ).values("latest_revision_created_at")[:1]
    sources = (
        TranslationSource.objects.filter(locale=source_locale, translations__target_locale=locale)
        .annotate(source_changed_at=Subquery(latest_source_change))
        .order_by("object_repr")
    )
    out_of_date = [
        (source.object_repr, reverse("wagtail_localize:update_translations", args=[source.id]))
        for source in sources
        if source.source_changed_at and source.source_changed_at > source.last_updated_at
    ][:MAX_ROWS]
    return untranslated, out_of_date


def _untranslated_link(page, locale):
    placeholder = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    # An alias made by locale synchronisation opens with a "Translate this page" button.
    target = placeholder or page
    return reverse("wagtailadmin_pages:edit", args=[target.id])


def locales_to_translate(user):
    default = Locale.get_default()
    locales = Locale.objects.exclude(id=default.id).order_by("language_code")
    if user.is_superuser:
        return list(locales)
    names = set(user.groups.values_list("name", flat=True))
    return [locale for locale in locales if f"Translators ({locale.language_code})" in names]


class TranslationWorkPanel(Component):
    name = "translation_work"
    order = 110
    template_name = "home/admin/translation_panel.html"

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
