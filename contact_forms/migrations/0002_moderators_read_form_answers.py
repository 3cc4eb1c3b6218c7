"""Moderators and administrators read the answers sent with forms; editors and translators,
who may edit the form pages, do not (the answers hold visitors' personal data)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Moderators", "Administrators"]


def view_submissions(apps, schema_editor):
    app_config = apps.get_app_config("contact_forms")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="contact_forms", codename="view_submissions")


def grant(apps, schema_editor):
    permission = view_submissions(apps, schema_editor)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = view_submissions(apps, schema_editor)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("contact_forms", "0001_initial"),
        ("editorial", "0004_snippets_are_edited_by_moderators"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
