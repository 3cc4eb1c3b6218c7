"""Editors, moderators and administrators see what visitors search for (the "Searches" report)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Moderators", "Administrators"]


def view_permission(apps, schema_editor):
    # On a fresh database model permissions only exist after all migrations (post_migrate).
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="search", codename="view_searchterm")


def grant(apps, schema_editor):
    permission = view_permission(apps, schema_editor)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = view_permission(apps, schema_editor)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_terms"),
        ("editorial", "0004_snippets_are_edited_by_moderators"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
