"""Moderators and administrators see, erase and import the newsletter's subscribers (the
declaration in editorial.roles, applied as in 0006)."""

from django.db import migrations

from editorial.role_migration import apply_roles


def forwards(apps, schema_editor):
    apply_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0007_snippets_are_reviewed"),
        ("subscribers", "0003_import_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
