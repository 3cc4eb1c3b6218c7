"""The dates of the month view and of the day view, read so that their cost does not grow with
how busy the schedule is: the month shows the first few events of each day and how many more
there are, found by the database in one query, and the day view lists a day's events a page at a
time. Days are Helsinki days (the site's time zone)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, Count, DateField, F, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.utils import timezone

from core.fields import SPOKEN_LANGUAGE_CHOICES
from core.listing import paginate
from core.models import areas_of_locale

from .models import MAX_YEAR, MIN_YEAR, EventOccurrence

# A day's events shown in the month view; the rest are a link away, on the day view.
EVENTS_PER_DAY = 5

# What a date's line shows: the times of the date and the event's title, address and status.
LISTED_FIELDS = (
    "start",
    "end",
    "all_day",
    "cancelled",
    "page__title",
    "page__url_path",
    "page__locale",
    "page__status",
)


@dataclass
class ScheduleDay:
    """A day of the month view: its first ``occurrences`` and how many the day has in all."""

    date: datetime.date
    occurrences: list
    total: int

    @property
    def more(self):
        return self.total - len(self.occurrences)


def is_shown(date, months_shown):
    """Whether the month view shows the month of ``date`` (``EventIndexPage.months_shown``)."""
    first_shown, last_shown = months_shown
    return first_shown <= date.replace(day=1) <= last_shown


def shown_date(year, month, day, months_shown):
    """The date an address of the month or day view names; a 404 for a date that does not
    exist or lies outside the months shown, which crawlers would otherwise read on and on."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise Http404("No such date") from None
    if not (MIN_YEAR <= date.year <= MAX_YEAR and is_shown(date, months_shown)):
        raise Http404("No events around this date")
    return date


@dataclass
class ScheduleDates:
    """The dates of the events the visitor's filters leave on a schedule, and the longest time
    a date of that schedule runs."""

    event_ids: object
    longest_run: datetime.timedelta

    def running(self, first_day, last_day):
        """The dates that take place on a day from ``first_day`` to ``last_day``, including those
        that began before and are still on, soonest first. They began at most ``longest_run``
        before: with that bound the database finds the few dates of the days asked for first,
        instead of every event of the schedule to match the dates against."""
        first_start = start_of(first_day)
        return (
            EventOccurrence.objects.with_finish()
            .filter(
                page_id__in=self.event_ids,
                start__gte=first_start - self.longest_run,
                start__lt=start_of(last_day + datetime.timedelta(days=1)),
                finishes__gte=first_start,
            )
            .select_related("page")
            .only(*LISTED_FIELDS)
            .order_by("start", "pk")
        )


def filtered_schedule(index, request):
    """The dates of the events the visitor's filters leave on the schedule ``index``
    (``ScheduleDates``), and what the filter form and the links that keep the filters need."""
    chosen = index.filters(request)
    event_ids = index.filter_events(index.events(), chosen).values("id")
    return ScheduleDates(event_ids, index.dates_span()["longest"] or datetime.timedelta(0)), {
        "chosen": chosen,
        "filter_query": filter_query(chosen),
        "areas": areas_of_locale(index.locale_id),
        "language_choices": SPOKEN_LANGUAGE_CHOICES,
    }


def filter_query(chosen):
    """The query string of the visitor's filters (``EventIndexPage.filters``), for the links
    that stay in the filtered schedule."""
    query = {}
    if chosen["area"]:
        query["area"] = chosen["area"].slug
    if chosen["language"]:
        query["language"] = chosen["language"]
    return urlencode(query)


def start_of(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def listed_on(first_day):
    """The day of the month a date is listed under: the day it starts, or the month's first day
    for one that began in an earlier month."""
    return Case(
        When(start__lt=start_of(first_day), then=Value(first_day)),
        default=TruncDate("start", tzinfo=timezone.get_current_timezone()),
        output_field=DateField(),
    )


def month_days(dates, first_day, last_day, per_day=EVENTS_PER_DAY):
    """The days of a month with events, as ``ScheduleDay``s: the first ``per_day`` dates of
    each and the day's number of dates, numbered and counted by the database so that only the
    dates shown are read."""
    day = listed_on(first_day)
    occurrences = (
        dates.running(first_day, last_day)
        .annotate(
            listed_on=day,
            place_in_day=Window(RowNumber(), partition_by=[day], order_by=[F("start"), F("pk")]),
            day_total=Window(Count("pk"), partition_by=[day]),
        )
        .filter(place_in_day__lte=per_day)
        .order_by("listed_on", "start", "pk")
    )
    days = {}
    for occurrence in occurrences:
        if occurrence.listed_on not in days:
            days[occurrence.listed_on] = ScheduleDay(occurrence.listed_on, [], occurrence.day_total)
        days[occurrence.listed_on].occurrences.append(mark_within(occurrence, occurrence.listed_on))
    return list(days.values())


def day_page(request, dates, day):
    """The page of the day view's list asked for: the ``dates`` on ``day``."""
    items = paginate(request, dates.running(day, day))
    items.object_list = [mark_within(occurrence, day) for occurrence in items.object_list]
    return items


def mark_within(occurrence, day):
    """The date, marked ``within_day`` if it begins and ends on ``day``: under the day's heading
    its times say enough (``occurrence_line.html``)."""
    occurrence.within_day = (
        not occurrence.is_multi_day and timezone.localtime(occurrence.start).date() == day
    )
    return occurrence
