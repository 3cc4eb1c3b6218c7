"""The dates of the month view and of the day view, read so that their cost does not grow with
how busy the schedule is: the month shows the first few events of each day and how many more
there are, found by the database in one query, and the day view lists a day's events a page at a
time. Days are Helsinki days (the site's time zone)."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Case, Count, DateField, F, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.utils import timezone

from core.fields import SPOKEN_LANGUAGE_CHOICES
from core.listing import paginate
from core.models import areas_of_locale

from .models import MAX_YEAR, MIN_YEAR, EventOccurrence, EventPage

# A day's events shown in the month view; the rest are a link away, on the day view.
EVENTS_PER_DAY = 5

# What a date's line shows: the times of the date and the event's address, title and status, read
# as values: a month lists some 150 dates, and making them model instances took longer than
# reading them.
LISTED_FIELDS = (
    "start",
    "end",
    "all_day",
    "cancelled",
    "page__slug",
    "page__title",
    "page__status",
)


class OccurrenceLine(NamedTuple):
    """A date's line in the month and day views: everything ``events/occurrence_line.html``
    shows, the value its markup is remembered under (``core.cards``)."""

    url: str
    title: str
    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool
    # The date, or the whole event.
    cancelled: bool
    # The day whose heading it is under.
    listed_on: datetime.date

    @property
    def is_multi_day(self):
        return bool(self.end) and local_day(self.end) != local_day(self.start)

    @property
    def within_day(self):
        """Begins and ends on the day it is listed under: its times say enough."""
        return not self.is_multi_day and local_day(self.start) == self.listed_on


def local_day(moment):
    return timezone.localtime(moment).date()


def occurrence_lines(rows, schedule_url, listed_on):
    """The ``OccurrenceLine``s of ``rows`` of ``LISTED_FIELDS`` listed on the day ``listed_on``.
    An event is a child of its schedule (``child_of``): its
    address is the schedule's and its slug, as Wagtail makes it from the page's path."""
    return [
        OccurrenceLine(
            url=f"{schedule_url}{slug}/",
            title=title,
            start=start,
            end=end,
            all_day=all_day,
            cancelled=cancelled or status == EventPage.STATUS_CANCELLED,
            listed_on=listed_on,
        )
        for start, end, all_day, cancelled, slug, title, status in rows
    ]


class ScheduleDay(NamedTuple):
    """A day of the month view: its first ``lines`` (``OccurrenceLine``), how many dates the
    day has in all and the address of its day view, the value its markup is remembered under
    (``core.cards``)."""

    date: datetime.date
    lines: tuple
    total: int
    url: str

    @property
    def more(self):
        return self.total - len(self.lines)


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


def month_days(index, request, dates, first_day, last_day, filters, per_day=EVENTS_PER_DAY):
    """The days of a month with events, as ``ScheduleDay``s: the first ``per_day`` dates of
    each and the day's number of dates, numbered and counted by the database so that only the
    dates shown are read."""
    day = listed_on(first_day)
    rows = (
        dates.running(first_day, last_day)
        .annotate(
            listed_on=day,
            place_in_day=Window(RowNumber(), partition_by=[day], order_by=[F("start"), F("pk")]),
            day_total=Window(Count("pk"), partition_by=[day]),
        )
        .filter(place_in_day__lte=per_day)
        .order_by("listed_on", "start", "pk")
        .values_list(*LISTED_FIELDS, "listed_on", "day_total")
    )
    schedule_url = index.get_url(request=request)
    query = f"?{filters}" if filters else ""
    days = {}
    for *row, date, total in rows:
        days.setdefault((date, total), []).append(row)
    return [
        ScheduleDay(
            date,
            tuple(occurrence_lines(day_rows, schedule_url, date)),
            total,
            schedule_url
            + index.reverse_subpage("day", args=(date.year, date.month, date.day))
            + query,
        )
        for (date, total), day_rows in days.items()
    ]


def day_page(index, request, dates, day):
    """The page of the day view's list asked for: the ``OccurrenceLine``s of the ``dates`` on
    ``day``."""
    items = paginate(request, dates.running(day, day).values_list(*LISTED_FIELDS))
    items.object_list = occurrence_lines(items.object_list, index.get_url(request=request), day)
    return items
