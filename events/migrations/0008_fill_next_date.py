import datetime
from itertools import groupby

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

from events.models import next_date

BATCH = 1000


def fill_next_dates(apps, schema_editor):
    """The next date of every event with one to come (the others keep none)."""
    EventPage = apps.get_model("events", "EventPage")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    now = timezone.now()
    # An all-day date lasts to the end of its day: a day back leaves none to come out.
    recent = now - datetime.timedelta(days=1)
    occurrences = (
        EventOccurrence.objects.filter(Q(end__gte=recent) | Q(end=None, start__gte=recent))
        .filter(cancelled=False)
        .only("page_id", "start", "end", "all_day", "cancelled")
        .order_by("page_id")
    )
    events = []
    for page_id, dates in groupby(occurrences.iterator(), key=lambda o: o.page_id):
        next_start, next_finish = next_date(dates, now)
        if next_start is not None:
            events.append(EventPage(pk=page_id, next_start=next_start, next_finish=next_finish))
    EventPage.objects.bulk_update(events, ["next_start", "next_finish"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("events", "0007_next_date")]

    operations = [migrations.RunPython(fill_next_dates, migrations.RunPython.noop)]
