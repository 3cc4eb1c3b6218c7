"""Snippets that were public before they had drafts get a first revision, the live one.

Used by the migrations that gave the snippets their draft state (``core.0003``, ``events.0003``):
the rows were already what visitors saw, so they stay live (the field's default), and each gets
the revision Wagtail would have saved when it was published, so that history, comparisons and
wagtail-localize's out-of-date checks have a start."""

from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def give_live_snippets_a_first_revision(apps, schema_editor, *model_labels):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for label in model_labels:
        model = apps.get_model(label)
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        for snippet in model.objects.filter(live=True, live_revision__isnull=True):
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(snippet.pk),
                created_at=now,
                object_str=str(getattr(snippet, "name", snippet.pk)),
                content=get_serializable_data_for_fields(snippet),
            )
            model.objects.filter(pk=snippet.pk).update(
                has_unpublished_changes=False,
                live_revision_id=revision.pk,
                latest_revision_id=revision.pk,
                first_published_at=now,
                last_published_at=now,
            )
