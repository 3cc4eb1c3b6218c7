"""Migration 0005 against a database that already has Finnish and Russian trees: the translator
groups get their rights on them, as editorial.translator_trees gives them on trees made later.

The migration is RunPython only, so its two functions run here with the historical models of
its place in the graph, in the test's transaction, on SQLite and PostgreSQL alike. Migrating
the whole database back instead would unapply every later migration of the apps that depend
on it, and SQLite refuses some of those steps on the demo's data."""

from importlib import import_module

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import GroupPagePermission

BEFORE = [("editorial", "0004_snippets_are_edited_by_moderators")]
AFTER = [("editorial", "0005_translator_trees_and_locale_synchronisation")]
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_path(path):
    """The treebeard path after ``path`` at the same depth."""
    number = 0
    for character in path[-STEP:]:
        number = number * len(ALPHABET) + ALPHABET.index(character)
    number += 1
    step = ""
    for _position in range(STEP):
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return path[:-STEP] + step


def make_tree(apps, language_code, path):
    """A home page and one page under it, as the models were before 0005 (historical models:
    no signals, so nothing grants rights on them but the migration)."""
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    locale = Locale.objects.get(language_code=language_code)
    home = Page.objects.create(
        title=f"Home ({language_code}, before 0005)",
        draft_title=f"Home ({language_code}, before 0005)",
        slug=f"home-before-0005-{language_code}",
        url_path=f"/home-before-0005-{language_code}/",
        path=path,
        depth=2,
        numchild=1,
        content_type=page_type,
        locale=locale,
    )
    Page.objects.create(
        title="About",
        draft_title="About",
        slug="about",
        url_path=f"/home-before-0005-{language_code}/about/",
        path=path + "0001",
        depth=3,
        numchild=0,
        content_type=page_type,
        locale=locale,
    )
    return home.pk


def translator_rights():
    return set(
        GroupPagePermission.objects.filter(group__name__startswith="Translators (").values_list(
            "group__name", "page_id", "permission__codename"
        )
    )


def test_0005_gives_translators_their_rights_on_trees_made_before_it(db):
    migration = import_module(f"editorial.migrations.{AFTER[0][1]}")
    apps = MigrationLoader(connection).project_state(BEFORE).apps
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    migration.backwards(apps, None)
    # The translator groups date from 0002; before 0005 they had no page rights.
    assert set(
        Group.objects.filter(name__startswith="Translators (").values_list("name", flat=True)
    ) == {
        "Translators (fi)",
        "Translators (ru)",
    }
    assert not GroupPagePermission.objects.filter(
        group__name__startswith="Translators (", page__depth=2
    ).exists()

    last = Page.objects.filter(depth=2).order_by("-path").first().path
    finnish = make_tree(apps, "fi", next_path(last))
    russian = make_tree(apps, "ru", next_path(next_path(last)))
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())

    migration.forwards(apps, None)

    rights = translator_rights()
    for group, home in [("Translators (fi)", finnish), ("Translators (ru)", russian)]:
        assert {(group, home, "add_page"), (group, home, "change_page")} <= rights
    # Only their own language's home pages, and neither publishing nor deleting.
    homes = dict(Page.objects.filter(depth=2).values_list("pk", "locale__language_code"))
    assert {(group, homes[page]) for group, page, _codename in rights} <= {
        ("Translators (fi)", "fi"),
        ("Translators (ru)", "ru"),
    }
    assert {codename for _group, _page, codename in rights} == {"add_page", "change_page"}
