from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission


class Command(BaseCommand):
    help = (
        "Delete the answers sent with forms once they are older than the retention period "
        "(FORM_SUBMISSION_RETENTION_DAYS). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of FORM_SUBMISSION_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.FORM_SUBMISSION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("The retention period cannot be negative.")
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _by_model = FormSubmission.objects.filter(submit_time__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} form submission(s) older than {days} days.")
