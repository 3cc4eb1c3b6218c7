"""Make the database match the roles declared in editorial.roles.

``apply_roles(apps, schema_editor)`` is written for a data migration (``RunPython``, with the
historical models of ``apps``) and is also what the ``apply_roles`` management command runs on
the current models. For every declared group it:

- creates the group if it is missing;
- grants the declared model permissions and takes away every other one;
- gives the declared page permissions on the declared places in the page tree, and removes
  every other page permission of the group;
- does the same for image and document permissions, given on the root collection;
- makes the declared groups, and only they, the reviewers of the declared workflow tasks.

Running it again changes nothing. Groups that are not declared keep what they have, and so do
workflow tasks nobody declares.

A language's tree exists only once its home page does: on a fresh database the migrations run
before the demo content makes the Finnish and Russian home pages, so there is nothing to grant
the translators yet. ``grant_rights_on_new_home_page`` (called by editorial.translator_trees
when a home page is made) gives the declared rights then.

Migrations and models that do not exist yet: a data migration runs the declaration as it is
*now*, at the point of the migration history where the migration stands. A permission whose
model is not part of that historical state yet (say a model that a later migration moves to
another app) is skipped there; the migration that moves it must be followed by another migration
calling ``apply_roles``. On the current models (the command), an unknown permission is an error.
"""

from django.apps import apps as global_apps
from django.contrib.auth import get_permission_codename
from django.db import DEFAULT_DB_ALIAS

from core import upstream

from .roles import ROLES


class RolesError(Exception):
    """The declaration asks for something that does not exist."""


def model_permissions(apps, app_label):
    """``{codename: (name, model)}`` for every permission the app's models define, as
    Django's post_migrate creates them (default ones and ``Meta.permissions``)."""
    try:
        app_config = apps.get_app_config(app_label)
    except LookupError:
        return {}
    found = {}
    for model in app_config.get_models():
        opts = model._meta
        for action in opts.default_permissions:
            found[get_permission_codename(action, opts)] = (
                f"Can {action} {opts.verbose_name_raw}",
                model,
            )
        for codename, name in opts.permissions:
            found[codename] = (name, model)
        for action in upstream.snippet_extra_actions(opts.label):
            found[get_permission_codename(action, opts)] = (
                f"Can {action} {opts.verbose_name_raw}",
                model,
            )
    return found


def declared_permissions(roles=ROLES):
    """Every "app_label.codename" the roles use: model, page and collection permissions."""
    dotted = set()
    for role in roles:
        dotted.update(role.permissions)
        dotted.update(role.media)
        dotted.update(
            f"wagtailcore.{codename}" for _tree, codenames in role.pages for codename in codenames
        )
    return dotted


def undefined_permissions(apps, roles=ROLES):
    """The declared permissions that no model of ``apps`` defines, sorted (those made by a data
    migration, and those whose model does not exist in a historical state ``apps``)."""
    missing = []
    for dotted in sorted(declared_permissions(roles)):
        app_label, codename = dotted.split(".", 1)
        if codename not in model_permissions(apps, app_label):
            missing.append(dotted)
    return missing


class _Permissions:
    """Declared "app_label.codename" to Permission rows, created first if need be: on a fresh
    database Django creates model permissions only after all migrations (post_migrate)."""

    def __init__(self, apps, using):
        self.apps = apps
        self.using = using
        self.historical = upstream.is_historical_apps(apps)
        self.Permission = apps.get_model("auth", "Permission")
        self.ready_apps = set()

    def get(self, dotted):
        app_label, codename = dotted.split(".", 1)
        if codename in model_permissions(self.apps, app_label) and app_label not in self.ready_apps:
            upstream.create_model_permissions(self.apps, app_label, self.using)
            self.ready_apps.add(app_label)
        # Not every permission belongs to a model's Meta: wagtail-localize's migration makes
        # "submit_translation" itself.
        permission = self.Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None and not self.historical:
            raise RolesError(f"editorial.roles grants {dotted!r}, which does not exist.")
        # In a migration: its model does not exist at this point of the migration history.
        return permission


def _label(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


def _pages(apps, tree):
    Page = apps.get_model("wagtailcore", "Page")
    if tree.language is None:
        return list(Page.objects.filter(depth=1))
    return list(Page.objects.filter(depth=2, locale__language_code=tree.language))


def apply_roles(apps=global_apps, schema_editor=None, roles=ROLES):
    """Make the groups of ``roles`` have exactly the declared rights. Returns the changes made,
    one line each ("Editors: + search.view_searchterm"), empty when the database already
    matched; lines starting with "!" are declared things that could not be applied."""
    using = schema_editor.connection.alias if schema_editor is not None else DEFAULT_DB_ALIAS
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    permissions = _Permissions(apps, using)
    root_collections = list(Collection.objects.filter(depth=1))
    changes = []

    for role in roles:
        group, created = Group.objects.get_or_create(name=role.name)
        if created:
            changes.append(f"{role.name}: group created")

        # Model permissions.
        wanted = {}
        for dotted in role.permissions:
            permission = permissions.get(dotted)
            if permission is not None:
                wanted[permission.pk] = dotted
        held = {p.pk: _label(p) for p in group.permissions.select_related("content_type")}
        group.permissions.add(*(wanted.keys() - held.keys()))
        group.permissions.remove(*(held.keys() - wanted.keys()))
        changes += sorted(f"{role.name}: + {wanted[pk]}" for pk in wanted.keys() - held.keys())
        changes += sorted(f"{role.name}: - {held[pk]}" for pk in held.keys() - wanted.keys())

        # Page permissions, on the declared places in the tree.
        wanted = {}
        for tree, codenames in role.pages:
            pages = _pages(apps, tree)
            for codename in codenames:
                permission = permissions.get(f"wagtailcore.{codename}")
                if permission is not None:
                    for page in pages:
                        wanted[(page.pk, permission.pk)] = f"{codename} on {page.url_path} ({tree})"
        held = {
            (row.page_id, row.permission_id): (
                row,
                f"{row.permission.codename} on {row.page.url_path}",
            )
            for row in GroupPagePermission.objects.filter(group=group).select_related(
                "page", "permission"
            )
        }
        changes += make_rows_match(
            role.name,
            wanted,
            held,
            lambda page_id, permission_id, group=group: GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission_id=permission_id
            ),
            kind="page ",
        )

        # Image and document permissions, on the root collection (so on every collection).
        wanted = {}
        for dotted in role.media:
            permission = permissions.get(dotted)
            if permission is not None:
                for collection in root_collections:
                    wanted[(collection.pk, permission.pk)] = (
                        f"{dotted} on collection {collection.name!r}"
                    )
        held = {
            (row.collection_id, row.permission_id): (
                row,
                f"{_label(row.permission)} on collection {row.collection.name!r}",
            )
            for row in GroupCollectionPermission.objects.filter(group=group).select_related(
                "collection", "permission__content_type"
            )
        }
        changes += make_rows_match(
            role.name,
            wanted,
            held,
            lambda collection_id, permission_id, group=group: (
                GroupCollectionPermission.objects.create(
                    group=group, collection_id=collection_id, permission_id=permission_id
                )
            ),
        )

    changes += _apply_reviewers(apps, roles)
    return changes


def _apply_reviewers(apps, roles):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    reviewers = {}
    for role in roles:
        for task_name in role.reviews:
            reviewers.setdefault(task_name, set()).add(role.name)
    changes = []
    for task_name, group_names in sorted(reviewers.items()):
        tasks = list(GroupApprovalTask.objects.filter(name=task_name))
        if not tasks:
            changes.append(
                f"! no workflow task named {task_name!r}: its reviewers {sorted(group_names)} are not set"
            )
            continue
        wanted = {group.pk: group.name for group in Group.objects.filter(name__in=group_names)}
        for task in tasks:
            held = dict(task.groups.values_list("pk", "name"))
            task.groups.add(*(wanted.keys() - held.keys()))
            task.groups.remove(*(held.keys() - wanted.keys()))
            changes += sorted(
                f"{wanted[pk]}: + reviewer in {task_name!r}" for pk in wanted.keys() - held.keys()
            )
            changes += sorted(
                f"{held[pk]}: - reviewer in {task_name!r}" for pk in held.keys() - wanted.keys()
            )
    return changes


def grant_rights_on_new_home_page(home_page, apps=global_apps, roles=ROLES):
    """Give the groups the rights declared on ``home_page``'s language tree (the translators'
    rights on their own language's home page) when that page is made."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    language = home_page.locale.language_code
    for role in roles:
        codenames = [
            c for tree, codenames in role.pages if tree.language == language for c in codenames
        ]
        if not codenames:
            continue
        # The groups come from the migrations; without one, roles are not applied here at all.
        group = Group.objects.filter(name=role.name).first()
        if group is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def make_rows_match(role_name, wanted, held, create, kind=""):
    """Create the wanted rows that are missing and delete the held ones not wanted.

    ``wanted`` maps each key to its description, ``held`` each key to (row, description);
    ``create(*key)`` makes a missing row. Returns the changes, described."""
    missing = wanted.keys() - held.keys()
    unwanted = held.keys() - wanted.keys()
    for key in missing:
        create(*key)
    for key in unwanted:
        held[key][0].delete()
    return sorted(f"{role_name}: + {kind}{wanted[key]}" for key in missing) + sorted(
        f"{role_name}: - {kind}{held[key][1]}" for key in unwanted
    )
