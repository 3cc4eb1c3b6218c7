from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Q
from django.utils import timezone

from registrations.models import Registration


class Command(BaseCommand):
    help = (
        "Delete event sign-ups once REGISTRATION_RETENTION_DAYS have passed since their date "
        "(or, for a sign-up whose date is gone, since the event's last date or the sign-up). "
        "Run it daily by the scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of REGISTRATION_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("The retention period cannot be negative.")
        cutoff = timezone.now() - timedelta(days=days)
        expired = Registration.objects.annotate(last_date=Max("event__occurrences__start")).filter(
            Q(occurrence__start__lt=cutoff)
            | Q(occurrence__isnull=True, last_date__lt=cutoff)
            | Q(occurrence__isnull=True, last_date__isnull=True, created__lt=cutoff)
        )
        deleted, _by_model = Registration.objects.filter(
            pk__in=list(expired.values_list("pk", flat=True))
        ).delete()
        self.stdout.write(f"Deleted {deleted} sign-up(s) older than {days} days after the event.")
