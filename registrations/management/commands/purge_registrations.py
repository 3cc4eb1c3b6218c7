from django.db.models import Max, Q

from core.retention import PurgeCommand
from registrations.models import Registration


class Command(PurgeCommand):
    help = (
        "Delete event sign-ups once REGISTRATION_RETENTION_DAYS have passed since their date "
        "(for a sign-up whose date is gone, since the event's last date, or since it was made). "
        "Run by the scheduler."
    )
    retention_setting = "REGISTRATION_RETENTION_DAYS"
    what = "sign-up(s) of events"

    def purge(self, cutoff):
        expired = Registration.objects.annotate(last_date=Max("event__occurrences__start")).filter(
            Q(occurrence__start__lt=cutoff)
            | Q(occurrence__isnull=True, last_date__lt=cutoff)
            | Q(occurrence__isnull=True, last_date__isnull=True, created__lt=cutoff)
        )
        deleted, _by_model = Registration.objects.filter(
            pk__in=list(expired.values_list("pk", flat=True))
        ).delete()
        return deleted
