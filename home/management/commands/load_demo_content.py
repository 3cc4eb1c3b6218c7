from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.site import DEMO_PASSWORD, DEMO_USERS

# Each app's demo loader, in the order the page tree needs them.
LOADERS = [
    "home.demo.site",
    "culture.demo",
    "publications.demo",
    "events.demo",
    "contact_forms.demo",
]


class Command(BaseCommand):
    help = (
        "Fill the site with the association's demo content in English, Finnish and Russian. "
        "Safe to run again: what exists already is left as it is."
    )

    def handle(self, *args, **options):
        changes = []

        def report(message):
            changes.append(message)
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            for loader in LOADERS:
                import_module(loader).load(report)

        # The demo pages' pictures, made now so that the first visitor does not wait for them.
        call_command("make_renditions", stdout=self.stdout)

        if changes:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded: nothing changed.")
        self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/ (development only):")
        for username, role, _group in DEMO_USERS:
            self.stdout.write(f"  {username:<15} {DEMO_PASSWORD}   {role}")
