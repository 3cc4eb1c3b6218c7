"""The roles are the declaration in editorial.roles: the database built by the migrations and the
demo content has exactly the declared rights, and apply_roles brings it back to them."""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from editorial.role_docs import roles_markdown
from editorial.role_migration import RolesError, apply_roles, undefined_permissions
from editorial.roles import EDITORIAL_REVIEW_TASK, ROLES, Role, snippet, translator_group_name

pytestmark = pytest.mark.django_db

ROLE = {role.name: role for role in ROLES}


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def held(group_name):
    """What the group has in the database."""
    group = Group.objects.get(name=group_name)
    return {
        "permissions": {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        },
        "pages": set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission__codename"
            )
        ),
        "collections": {
            (collection, f"{app_label}.{codename}")
            for collection, app_label, codename in GroupCollectionPermission.objects.filter(
                group=group
            ).values_list(
                "collection_id", "permission__content_type__app_label", "permission__codename"
            )
        },
    }


def declared(role):
    """What the declaration gives the group, worked out here without editorial.role_migration."""
    pages = set()
    for tree, codenames in role.pages:
        if tree.language is None:
            places = Page.objects.filter(depth=1)
        else:
            places = Page.objects.filter(depth=2, locale__language_code=tree.language)
        pages |= {
            (page_id, codename)
            for page_id in places.values_list("pk", flat=True)
            for codename in codenames
        }
    root_collection = Collection.get_first_root_node().pk
    return {
        "permissions": set(role.permissions),
        "pages": pages,
        "collections": {(root_collection, dotted) for dotted in role.media},
    }


def reviewers():
    return {
        task.name: set(task.groups.values_list("name", flat=True))
        for task in GroupApprovalTask.objects.order_by("pk")
    }


def snapshot():
    return {name: held(name) for name in Group.objects.values_list("name", flat=True)}, reviewers()


def assert_database_matches_declaration():
    for role in ROLES:
        assert held(role.name) == declared(role), role.name
    assert reviewers()[EDITORIAL_REVIEW_TASK] == {
        role.name for role in ROLES if EDITORIAL_REVIEW_TASK in role.reviews
    }


def test_migrations_and_demo_content_give_exactly_the_declared_rights():
    assert Group.objects.filter(name__in=ROLE).count() == len(ROLES)
    assert_database_matches_declaration()
    # Not true by emptiness: the demo content made the trees the translators work in.
    for code in ("fi", "ru"):
        assert len(declared(ROLE[translator_group_name(code)])["pages"]) == 2


def test_applying_the_roles_again_changes_nothing():
    before = snapshot()
    assert apply_roles() == []
    assert apply_roles() == []
    assert snapshot() == before


def test_rights_given_or_taken_by_hand_are_put_back():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    finnish_translators = Group.objects.get(name="Translators (fi)")
    root = Page.get_first_root_node()
    english_home = Page.objects.filter(depth=2, locale__language_code="en").first()
    root_collection = Collection.get_first_root_node()
    task = GroupApprovalTask.objects.get(name=EDITORIAL_REVIEW_TASK)

    editors.permissions.add(permission("auth.delete_user"))
    GroupPagePermission.objects.create(
        group=editors, page=root, permission=permission("wagtailcore.publish_page")
    )
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=root_collection,
        permission=permission("wagtailimages.delete_image"),
    )
    task.groups.add(editors)
    moderators.permissions.remove(permission(snippet("Area", "change")))
    GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).delete()
    GroupPagePermission.objects.create(
        group=finnish_translators,
        page=english_home,
        permission=permission("wagtailcore.change_page"),
    )

    changes = apply_roles()

    assert sorted(changes) == sorted(
        [
            "Editors: - auth.delete_user",
            "Editors: - page publish_page on /",
            "Editors: - wagtailimages.delete_image on collection 'Root'",
            "Editors: - reviewer in 'Moderator review'",
            f"Moderators: + {snippet('Area', 'change')}",
            "Moderators: + page publish_page on / (every language's pages (the root page))",
            f"Translators (fi): - page change_page on {english_home.url_path}",
        ]
    )
    assert_database_matches_declaration()


def test_groups_and_tasks_nobody_declares_are_left_alone():
    interns = Group.objects.create(name="Interns")
    interns.permissions.add(permission("auth.delete_user"))
    GroupPagePermission.objects.create(
        group=interns,
        page=Page.get_first_root_node(),
        permission=permission("wagtailcore.publish_page"),
    )
    other_task = GroupApprovalTask.objects.create(name="Legal check")
    other_task.groups.add(Group.objects.get(name="Moderators"), interns)
    before = snapshot()

    assert apply_roles() == []
    assert snapshot() == before


def test_a_missing_group_is_made_with_its_rights():
    Group.objects.filter(name="Translators (ru)").delete()
    changes = apply_roles()
    assert changes[0] == "Translators (ru): group created"
    assert "Translators (ru): + wagtailadmin.access_admin" in changes
    assert_database_matches_declaration()


def test_a_new_home_page_gets_the_rights_declared_on_its_language():
    """A language's tree made after the migrations (editorial.translator_trees)."""
    home = Page.get_first_root_node().add_child(
        instance=Page(
            title="Toinen koti", slug="toinen-koti", locale=Locale.objects.get(language_code="fi")
        )
    )
    rights = held("Translators (fi)")["pages"]
    assert {codename for page, codename in rights if page == home.pk} == {"add_page", "change_page"}
    assert all(page != home.pk for page, _codename in held("Translators (ru)")["pages"])
    assert apply_roles() == []


def test_the_command_checks_and_applies():
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(permission("auth.delete_user"))
    with pytest.raises(CommandError, match="differ"):
        call_command("apply_roles", "--check", stdout=StringIO())
    assert editors.permissions.filter(codename="delete_user").exists()

    call_command("apply_roles", stdout=StringIO())
    assert not editors.permissions.filter(codename="delete_user").exists()
    call_command("apply_roles", "--check", stdout=StringIO())


def test_a_permission_that_does_not_exist_is_an_error():
    mistaken = Role(name="Editors", description="", permissions=("home.publish_area",))
    with pytest.raises(RolesError, match="home.publish_area"):
        apply_roles(roles=(mistaken,))


def calls_apply_roles(operation):
    code = getattr(operation, "code", None)
    return code is not None and "apply_roles" in code.__code__.co_names


def test_the_last_roles_migration_runs_after_every_model_it_grants_rights_on():
    """A migration runs the declaration as it is now: each declared model must exist at the
    point of the history where the last migration calling apply_roles runs. After a model moves
    (say home.Area to core.Area), add a migration calling apply_roles that depends on the move."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    roles_migrations = [
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] == "editorial"
        and any(calls_apply_roles(operation) for operation in migration.operations)
    ]
    assert roles_migrations
    last = max(roles_migrations)
    not_yet = set(undefined_permissions(loader.project_state(last).apps))
    not_yet -= set(undefined_permissions(global_apps))  # made by data migrations, not models
    assert not not_yet, (
        f"{last} runs before the models of {sorted(not_yet)} exist: add a migration calling "
        "apply_roles that depends on the migrations that made or moved them"
    )


def test_docs_describe_the_declared_roles():
    written = (Path(settings.BASE_DIR) / "docs" / "roles.md").read_text()
    assert written == roles_markdown(), "run: manage.py apply_roles --docs > docs/roles.md"
