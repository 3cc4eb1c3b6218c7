"""The admin's lists and editors of the snippets visitors see: each shows its language, whether
it is live, locked or waiting for review, and filters on them."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.models import WorkflowState
from wagtail.snippets.views.snippets import CopyView, SnippetViewSet


class ReviewedSnippetFilterSet(WagtailFilterSet):
    """Status (live or draft), locked, in review, and (added by Wagtail) the language."""

    in_review = django_filters.BooleanFilter(
        label=_("In review"), method="filter_in_review", widget=django_filters.widgets.BooleanWidget
    )

    def filter_in_review(self, queryset, name, value):
        if value is None:
            return queryset
        in_review = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(queryset.model),
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
        ids = [int(object_id) for object_id in in_review]
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


# What a copy starts without: it is a new item (its own translation key) and a draft.
NOT_COPIED = {
    "translation_key",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}


class CopyAsNewDraftView(CopyView):
    """Wagtail's copy view fills its form from the original object itself, so a POST to it
    saves over the original (and, for a translatable snippet, could not be a new row anyway:
    the copy would share its translation key). The form starts from a new, unsaved draft with
    the original's values instead."""

    def get_initial_form_instance(self):
        original = super().get_initial_form_instance()
        values = {
            field.attname: getattr(original, field.attname)
            for field in self.model._meta.concrete_fields
            if not field.primary_key and field.name not in NOT_COPIED
        }
        return self.model(**values)


class ReviewedSnippetViewSet(SnippetViewSet):
    """A ``core.models.ReviewedSnippet``'s admin views."""

    copy_view_class = CopyAsNewDraftView

    list_display = ["__str__", LocaleColumn(), LiveStatusTagColumn(), UpdatedAtColumn()]

    @cached_property
    def icon(self):
        return self.model.admin_icon

    @cached_property
    def filterset_class(self):
        meta = type(
            "Meta", (), {"model": self.model, "fields": {"live": ["exact"], "locked": ["exact"]}}
        )
        return type(f"{self.model.__name__}FilterSet", (ReviewedSnippetFilterSet,), {"Meta": meta})
