from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import refresh_next_dates


class Command(BaseCommand):
    help = (
        "Move each event whose next date is over on to its following date, or off the schedule "
        "when it has none, and refresh what listed it. Run by the scheduler every minute."
    )

    def handle(self, *args, **options):
        moved = refresh_next_dates(timezone.now())
        if moved:
            self.stdout.write(f"{moved} event(s) moved on to their next date.")
