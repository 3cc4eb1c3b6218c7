from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.demo.site import DEMO_PASSWORD, DEMO_USERS, load_users


def demo_modules():
    """Each app's ``demo`` module with a ``load(report)``, in the order of INSTALLED_APPS (the
    order the page tree needs: the home pages first). A module may also have a
    ``finish(report)``, run after every app has loaded."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            module = import_module(f"{config.name}.demo")
            if hasattr(module, "load"):
                yield module


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
            load_users(report)
            modules = list(demo_modules())
            for module in modules:
                module.load(report)
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(report)

        # The demo pages' pictures, made now so that the first visitor does not wait for them.
        call_command("make_renditions", stdout=self.stdout)

        if changes:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded: nothing changed.")
        self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/ (development only):")
        for username, role, _group, _name in DEMO_USERS:
            self.stdout.write(f"  {username:<15} {DEMO_PASSWORD}   {role}")
