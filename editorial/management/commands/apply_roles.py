"""Make the groups of editorial.roles have exactly the rights declared there."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.role_docs import roles_markdown
from editorial.role_migration import RolesError, apply_roles


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Give the groups declared in editorial/roles.py (Editors, Moderators, translators, "
        "Administrators) exactly the rights declared there: missing rights are granted, others "
        "taken away, including rights given to these groups by hand in the admin. Other groups "
        "are left alone. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only show what would change, and exit with status 1 if anything would.",
        )
        parser.add_argument(
            "--docs",
            action="store_true",
            help="Print the roles as Markdown (docs/roles.md) instead of applying them.",
        )

    def handle(self, *args, check=False, docs=False, **options):
        if docs:
            self.stdout.write(roles_markdown(), ending="")
            return
        try:
            with transaction.atomic():
                changes = apply_roles()
                if check:
                    raise _DryRun
        except _DryRun:
            pass
        except RolesError as error:
            raise CommandError(str(error)) from error

        for line in changes:
            style = self.style.WARNING if line.startswith("!") else (lambda text: text)
            self.stdout.write(style(f"  {line}"))
        if not changes:
            self.stdout.write("The roles already match editorial/roles.py: nothing changed.")
        elif check:
            raise CommandError("The roles differ from editorial/roles.py (nothing was changed).")
        else:
            self.stdout.write(self.style.SUCCESS("The roles now match editorial/roles.py."))
