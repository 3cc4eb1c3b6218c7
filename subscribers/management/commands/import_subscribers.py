from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from subscribers import services


class Command(BaseCommand):
    help = (
        "Import a CSV list of subscribers who confirmed elsewhere (columns: email, language, "
        "areas, confirmed or confirmed_at, consent). Only confirmed rows are added; addresses "
        "that left, bounced, complained or were erased here are never added back. Running it "
        "again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="Where the list comes from.")
        parser.add_argument("--by", default="manage.py", help="Who imports it.")

    def handle(self, *args, file, source, by, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            report = services.import_subscribers(
                content, services.import_source(file.name, by, source)
            )
        except services.UnreadableList as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
