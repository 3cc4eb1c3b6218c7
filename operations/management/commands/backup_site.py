import json
import shutil
import subprocess
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from operations.backup import (
    DATABASE_DUMP,
    MANIFEST,
    MEDIA_ARCHIVE,
    archive_media,
    postgres_environment,
)


class Command(BaseCommand):
    help = (
        "Back up the site into a new directory: the PostgreSQL database (pg_dump custom format), "
        "every media file (images, renditions, documents) as a tar archive, and a manifest. "
        "Restore with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="directory to create for this backup")

    def handle(self, directory, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                f"backup_site needs PostgreSQL; this site uses {connection.vendor}. "
                "With SQLite, stop the site and copy the database file and the media folder."
            )
        pg_dump = shutil.which("pg_dump")
        if not pg_dump:
            raise CommandError(
                "pg_dump is not installed (Debian: apt-get install postgresql-client)."
            )
        target = Path(directory)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; give a new directory for each backup.")
        target.mkdir(parents=True, exist_ok=True)

        # Media first: a file uploaded meanwhile is then at worst in the archive without a row,
        # never a row in the dump without its file.
        media_count = archive_media(default_storage, target / MEDIA_ARCHIVE)
        result = subprocess.run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target / DATABASE_DUMP),
            ],
            env=postgres_environment(connection.settings_dict),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")

        counts = {
            "pages": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "images": get_image_model().objects.count(),
            "documents": get_document_model().objects.count(),
            "form_submissions": FormSubmission.objects.count(),
            "media_files": media_count,
        }
        manifest = {
            "created": timezone.now().isoformat(),
            "database": connection.settings_dict["NAME"],
            "counts": counts,
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        summary = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target}: {summary}."))
