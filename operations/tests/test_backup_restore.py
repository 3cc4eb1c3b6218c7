"""backup_site and restore_site: a restore into a fresh database and media storage brings back
every page, translation, revision, image, document and form submission."""

import json
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from psycopg.types.json import Jsonb
from wagtail.images import get_image_model
from wagtail.models import Page

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup_site and restore_site work with PostgreSQL (pg_dump); run with DATABASE_URL=postgres://...",
)

# Compared row for row between the backed-up and the restored database.
TABLES = {
    "wagtailcore_page": "pages",
    "wagtailcore_locale": "locales",
    "wagtailcore_revision": "revisions",
    "wagtail_localize_translationsource": "translation sources",
    "wagtail_localize_translation": "translations",
    "wagtail_localize_stringtranslation": "translated strings",
    "wagtailimages_image": "images",
    "wagtailimages_rendition": "renditions",
    "wagtaildocs_document": "documents",
    "wagtailforms_formsubmission": "form submissions",
    "auth_user": "users",
}


def server_connection(database_name):
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=database_name,
        autocommit=True,
    )


def rows(database_name, table):
    with server_connection(database_name) as db:
        return db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608


@pytest.fixture
def committed_form_submission(db):
    """A form submission committed through a connection of its own: pg_dump sees only
    committed rows, and the test's own connection is inside a transaction that rolls back."""
    page = Page.objects.filter(depth=2).first()
    with server_connection(connection.settings_dict["NAME"]) as own:
        (submission_id,) = own.execute(
            "INSERT INTO wagtailforms_formsubmission (form_data, page_id, submit_time) "
            "VALUES (%s, %s, now()) RETURNING id",
            [Jsonb({"name": "Anna", "message": "Membership, please"}), page.pk],
        ).fetchone()
        yield submission_id
        own.execute("DELETE FROM wagtailforms_formsubmission WHERE id = %s", [submission_id])


@pytest.fixture
def fresh_database(db):
    name = connection.settings_dict["NAME"] + "_restored"
    with server_connection("postgres") as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
        yield name
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@needs_postgres
def test_a_restore_into_a_fresh_database_finds_everything_again(
    committed_form_submission, fresh_database, tmp_path
):
    backup = tmp_path / "backup"
    restored_media = tmp_path / "restored-media"
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or 'localhost'}"
        f":{settings['PORT'] or 5432}/{fresh_database}"
    )
    images = list(get_image_model().objects.all())
    call_command("backup_site", str(backup), stdout=StringIO())
    with override_settings(MEDIA_ROOT=str(restored_media)):
        call_command(
            "restore_site", str(backup), database_url=url, interactive=False, stdout=StringIO()
        )

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["form_submissions"] >= 1
    assert manifest["counts"]["media_files"] >= len(images)
    for table, what in TABLES.items():
        original = rows(settings["NAME"], table)
        assert rows(fresh_database, table) == original, f"{what} differ after the restore"
        if what not in {"renditions", "documents"}:
            assert original, f"the demo site has no {what}: the test would prove nothing"
    assert committed_form_submission in [
        row[0] for row in rows(fresh_database, "wagtailforms_formsubmission")
    ]
    with server_connection(fresh_database) as restored:
        languages = restored.execute(
            "SELECT DISTINCT language_code FROM wagtailcore_page "
            "JOIN wagtailcore_locale ON wagtailcore_page.locale_id = wagtailcore_locale.id"
        ).fetchall()
    assert {language for (language,) in languages} == {"en", "fi", "ru"}

    assert images, "the demo site has no images"
    for image in images:
        restored = Path(restored_media) / image.file.name
        assert restored.read_bytes() == Path(image.file.path).read_bytes(), image.file.name


@needs_postgres
def test_backup_refuses_a_directory_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.dump").write_text("an older backup")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path))


def test_restore_refuses_a_directory_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="not a backup made by backup_site"):
        call_command("restore_site", str(tmp_path), interactive=False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="checks the message on SQLite")
def test_backup_on_sqlite_says_what_to_do_instead(db, tmp_path):
    with pytest.raises(CommandError, match="needs PostgreSQL.*copy the database file"):
        call_command("backup_site", str(tmp_path / "backup"))
