"""Snippets are reviewed like pages: the "Editorial review" workflow (0003) covers every snippet
model with drafts, and the roles give editors and translators their snippet rights back (the
declaration in editorial.roles, applied as in 0006)."""

from django.db import migrations

from editorial.role_migration import apply_roles

WORKFLOW_NAME = "Editorial review"
REVIEWED_SNIPPETS = [
    ("core", "area"),
    ("core", "person"),
    ("core", "partner"),
    ("core", "organisationdetails"),
    ("events", "venue"),
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        for app_label, model in REVIEWED_SNIPPETS:
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
    apply_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_roles_from_declaration"),
        ("core", "0003_snippets_have_drafts_and_revisions"),
        ("events", "0003_snippets_have_drafts_and_revisions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
