from django.core.management.base import BaseCommand

from subscribers import services


class Command(BaseCommand):
    help = (
        "Erase a subscriber at their request: their row and every mail record holding the "
        "address. A keyed hash of it is kept so that an import does not add it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        deleted = services.erase(email)
        if not deleted:
            self.stdout.write("Nothing was kept about this address.")
        for label, count in deleted.items():
            self.stdout.write(f"Deleted {count} × {label}")
