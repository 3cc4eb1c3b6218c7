"""The roles of the people who work in the admin: what editors, moderators, translators and
administrators may do.

Wagtail's own migrations already create "Editors" and "Moderators" (with page permissions on the
root page and image and document permissions on the root collection); they are adjusted here, not
duplicated. Page permissions are granted on the root page, so they cover every language's tree.
The translators' page permissions on their own language's tree are given elsewhere.

Editors lose wagtail-localize's "submit translation" permission, which its migration gives them:
its "Update translations" view can publish every translation of a page ("Publish immediately")
without checking the publish permission. Moderators keep it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
SNIPPETS = ["home.area", "home.person", "home.partner", "events.venue", "site_config.organisationdetails"]

EDITOR_PAGES = ["add_page", "change_page"]
MODERATOR_PAGES = EDITOR_PAGES + ["publish_page", "lock_page", "unlock_page", "bulk_delete_page"]

EDITOR_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
MODERATOR_MEDIA = EDITOR_MEDIA + ["wagtailimages.delete_image", "wagtaildocs.delete_document"]

EDITOR_MODELS = ADMIN_ACCESS + [
    f"{snippet.split('.')[0]}.{action}_{snippet.split('.')[1]}"
    for snippet in SNIPPETS
    for action in ("add", "change")
]
MODERATOR_MODELS = EDITOR_MODELS + [
    "wagtail_localize.submit_translation",
    *(
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model in ("wagtailsearchpromotions.searchpromotion", "wagtailredirects.redirect")
        for action in ("add", "change", "delete")
    ),
]
ADMINISTRATOR_MODELS = MODERATOR_MODELS + [
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
    "site_config.change_contactsettings",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
]

# group name: (model permissions, page permissions on the root page,
#              image and document permissions on the root collection)
ROLES = {
    "Editors": (EDITOR_MODELS, EDITOR_PAGES, EDITOR_MEDIA),
    "Moderators": (MODERATOR_MODELS, MODERATOR_PAGES, MODERATOR_MEDIA),
    "Translators (fi)": (ADMIN_ACCESS, [], []),
    "Translators (ru)": (ADMIN_ACCESS, [], []),
    "Administrators": (ADMINISTRATOR_MODELS, MODERATOR_PAGES, MODERATOR_MEDIA),
}

# Editors never publish (by any route), lock or delete branches anywhere, nor delete media.
EDITORS_MAY_NOT_PAGES = ["publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
EDITORS_MAY_NOT_MEDIA = ["wagtailimages.delete_image", "wagtaildocs.delete_document"]
# Wagtail's and wagtail-localize's first migrations granted these model-wide.
EDITORS_MAY_NOT_MODELS = EDITORS_MAY_NOT_MEDIA + ["wagtail_localize.submit_translation"]

# What Wagtail's own migrations grant, restored when this migration is reversed.
WAGTAIL_DEFAULT_MEDIA = MODERATOR_MEDIA
WAGTAIL_DEFAULTS = {
    "Editors": (ADMIN_ACCESS, ["add_page", "change_page"], WAGTAIL_DEFAULT_MEDIA),
    "Moderators": (
        ADMIN_ACCESS + ["wagtail_localize.submit_translation"],
        ["add_page", "change_page", "publish_page", "lock_page"],
        WAGTAIL_DEFAULT_MEDIA,
    ),
}

APPS_WITH_PERMISSIONS = [
    "auth",
    "wagtailcore",
    "wagtailadmin",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsearchpromotions",
    "wagtailredirects",
    "wagtail_localize",
    "home",
    "events",
    "site_config",
]


def ensure_permissions_exist(apps, schema_editor):
    """On a fresh database Django creates model permissions only after all migrations
    (post_migrate); create the ones needed here now."""
    for label in APPS_WITH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None


def permission(apps, dotted_name):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted_name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(apps, codename):
    return permission(apps, f"wagtailcore.{codename}")


def roots(apps):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    return Page.objects.get(depth=1), Collection.objects.get(depth=1)


def grant_roles(apps, schema_editor):
    ensure_permissions_exist(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page, root_collection = roots(apps)

    for name, (models, pages, media) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(apps, dotted) for dotted in models))
        for codename in pages:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=page_permission(apps, codename)
            )
        for dotted in media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, dotted)
            )

    editors = Group.objects.get(name="Editors")
    GroupPagePermission.objects.filter(
        group=editors, permission__in=[page_permission(apps, c) for c in EDITORS_MAY_NOT_PAGES]
    ).delete()
    GroupCollectionPermission.objects.filter(
        group=editors, permission__in=[permission(apps, d) for d in EDITORS_MAY_NOT_MEDIA]
    ).delete()
    editors.permissions.remove(*(permission(apps, d) for d in EDITORS_MAY_NOT_MODELS))


def revoke_roles(apps, schema_editor):
    """Take back what this migration granted and give Editors and Moderators Wagtail's defaults
    again. The groups stay: people may belong to them."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page, root_collection = roots(apps)

    for name, (models, pages, media) in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        kept_models, kept_pages, kept_media = WAGTAIL_DEFAULTS.get(name, ([], [], []))
        group.permissions.remove(
            *(permission(apps, dotted) for dotted in models if dotted not in kept_models)
        )
        GroupPagePermission.objects.filter(
            group=group,
            page=root_page,
            permission__in=[page_permission(apps, c) for c in pages if c not in kept_pages],
        ).delete()
        GroupCollectionPermission.objects.filter(
            group=group,
            collection=root_collection,
            permission__in=[permission(apps, d) for d in media if d not in kept_media],
        ).delete()
        for codename in kept_pages:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=page_permission(apps, codename)
            )
        for dotted in kept_media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, dotted)
            )

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*(permission(apps, dotted) for dotted in EDITORS_MAY_NOT_MODELS))


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0002_locationpage_peoplepage_person_peoplepageperson_area"),
        ("events", "0001_initial"),
        ("site_config", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
