import json
import shutil
import subprocess
from pathlib import Path

import dj_database_url
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.backup import (
    DATABASE_DUMP,
    MANIFEST,
    MEDIA_ARCHIVE,
    postgres_environment,
    restore_media,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site: replace everything in the database (the "
        "configured one, or --database-url, which must exist, e.g. made by createdb) with the "
        "dump, and put the media files back into the media storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by backup_site")
        parser.add_argument(
            "--database-url",
            help="restore into this PostgreSQL database instead of the site's own DATABASE_URL",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, directory, database_url=None, interactive=True, **options):
        source = Path(directory)
        for name in (DATABASE_DUMP, MEDIA_ARCHIVE, MANIFEST):
            if not (source / name).is_file():
                raise CommandError(
                    f"{source} is not a backup made by backup_site: {name} is missing."
                )
        pg_restore = shutil.which("pg_restore")
        if not pg_restore:
            raise CommandError(
                "pg_restore is not installed (Debian: apt-get install postgresql-client)."
            )
        if database_url:
            database = dj_database_url.parse(database_url)
        else:
            database = connection.settings_dict
        if "postgresql" not in database["ENGINE"]:
            raise CommandError("restore_site restores into PostgreSQL only.")

        manifest = json.loads((source / MANIFEST).read_text())
        if interactive:
            answer = input(
                f"This replaces everything in database {database['NAME']!r} and the media files "
                f"with the backup of {manifest['created']}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")

        # One transaction: a restore that fails leaves the database as it was.
        result = subprocess.run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                str(source / DATABASE_DUMP),
            ],
            env=postgres_environment(database),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        try:
            media_count = restore_media(default_storage, source / MEDIA_ARCHIVE)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored database {database['NAME']!r} and {media_count} media files "
                f"from the backup of {manifest['created']}."
            )
        )
