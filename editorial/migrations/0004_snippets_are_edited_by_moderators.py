"""Snippets (areas, people, partners, venues, organisation details) have no review step: a
saved snippet is public at once. So only moderators, who approve everything else, edit them;
editors may view and choose them."""

from django.db import migrations

SNIPPETS = ["home.area", "home.person", "home.partner", "events.venue", "site_config.organisationdetails"]


def permission(apps, app_label, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    model = codename.split("_", 1)[1]
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return found


def editors_view_only(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    for snippet in SNIPPETS:
        app_label, model = snippet.split(".")
        view = permission(apps, app_label, f"view_{model}")
        editors.permissions.add(view)
        moderators.permissions.add(view)
        for action in ("add", "change"):
            editors.permissions.remove(permission(apps, app_label, f"{action}_{model}"))


def editors_edit_again(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.get(name="Editors")
    for snippet in SNIPPETS:
        app_label, model = snippet.split(".")
        for action in ("add", "change"):
            editors.permissions.add(permission(apps, app_label, f"{action}_{model}"))
        editors.permissions.remove(permission(apps, app_label, f"view_{model}"))


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_editorial_review_workflow"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(editors_view_only, editors_edit_again)]
