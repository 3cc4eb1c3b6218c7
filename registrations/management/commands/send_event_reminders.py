import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from registrations.models import Registration
from registrations.services import remind


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a place at an event tomorrow (Helsinki's calendar). "
        "Run it by the scheduler, like publish_scheduled; each sign-up is reminded once."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        start = datetime.datetime.combine(
            tomorrow, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        site = Site.objects.filter(is_default_site=True).first()
        base_url = site.root_url if site else ""
        with transaction.atomic():
            # Locked and marked in the same transaction: two schedulers running at once, or a
            # run repeated within the day, find nobody left to remind.
            due = list(
                Registration.objects.select_for_update(of=("self",))
                .filter(
                    status=Registration.CONFIRMED,
                    reminded_at__isnull=True,
                    occurrence__start__gte=start,
                    occurrence__start__lt=start + datetime.timedelta(days=1),
                    event__status="scheduled",
                )
                .select_related("event", "occurrence")
            )
            for registration in due:
                registration.reminded_at = timezone.now()
                registration.save(update_fields=["reminded_at"])
                remind(registration, base_url)
        self.stdout.write(f"Queued {len(due)} reminder(s).")
