"""The base of the commands that delete personal data once its retention period has passed
(``purge_form_submissions``, ``purge_registrations``): the period from a setting, or ``--days``.
Each also deletes the posts the forms' hourly limit no longer counts."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .form_guards import forget_old_posts


class PurgeCommand(BaseCommand):
    # The setting holding the number of days kept, and what is deleted, for the messages.
    retention_setting = ""
    what = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days instead of {self.retention_setting}.",
        )

    def handle(self, *args, days=None, **options):
        days = getattr(settings, self.retention_setting) if days is None else days
        if days < 0:
            raise CommandError("The retention period cannot be negative.")
        deleted = self.purge(timezone.now() - timedelta(days=days))
        # The posts counted by the forms' hourly limit (core.form_guards) are kept an hour only;
        # every purge command deletes them, whichever the scheduler runs.
        forget_old_posts()
        self.stdout.write(f"Deleted {deleted} {self.what} older than {days} days.")

    def purge(self, cutoff):
        """Delete what is older than ``cutoff``; returns how many were deleted."""
        raise NotImplementedError
