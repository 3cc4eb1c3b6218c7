"""Weekly repeats of an event (issue 23): the dates a repeat gives in Helsinki time, and the
occurrence rows kept in step with them.

A repeat is stored as the editor gave it, in local time; its dates are stored as occurrence rows
as well, so that every listing, the month view and the calendars read one table, and so that one
date can be cancelled or moved without touching the rest."""

import datetime

from django.utils import timezone

# More dates than a weekly club has in ten years is a mistake in a date, not a plan.
MAX_DATES = 500


def weekly_dates(repeat):
    """The days of the repeat's weekdays from its first date to its last, exceptions included."""
    if not (repeat.weekdays and repeat.first_date and repeat.last_date):
        return []
    weekdays = {int(day) for day in repeat.weekdays}
    span = (repeat.last_date - repeat.first_date).days + 1
    days = (repeat.first_date + datetime.timedelta(days=shift) for shift in range(max(span, 0)))
    return [day for day in days if day.weekday() in weekdays]


def repeat_dates(repeat):
    """Every date of the repeat: its weekly days but the exceptions, and its extra dates."""
    exceptions = set(repeat.exception_days)
    return sorted(
        {*(day for day in weekly_dates(repeat) if day not in exceptions), *repeat.extra_days}
    )


def local_time(day, time):
    """``time`` on ``day`` in Helsinki: 17:00 stays 17:00 when the clocks change."""
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())


def times_of(repeat, day):
    end = local_time(day, repeat.end_time) if repeat.end_time else None
    return local_time(day, repeat.start_time), end


def synchronised_occurrences(repeats, occurrences, make_occurrence):
    """The occurrence rows once ``repeats`` are applied, soonest first.

    Rows added by hand are kept. A repeat's row is known by its repeat and its day, so it keeps
    its identity (and the sign-ups for it) when the repeat's times change: it stays while its
    day is one of the repeat's, an editor's change to it (cancelled, or moved to another time)
    is kept, and a row still at its repeat's time follows the repeat's times. Missing days get
    new rows."""
    wanted = {}
    for repeat in repeats:
        if repeat.start_time is None:
            continue
        for day in repeat_dates(repeat):
            wanted[(str(repeat.key), day)] = times_of(repeat, day)
    kept = []
    for occurrence in occurrences:
        if not occurrence.repeat_key:
            kept.append(occurrence)
            continue
        origin = (
            occurrence.repeat_key,
            timezone.localdate(occurrence.repeat_start, timezone.get_default_timezone()),
        )
        if origin not in wanted:
            continue
        start, end = wanted.pop(origin)
        if occurrence.start == occurrence.repeat_start:
            occurrence.start, occurrence.end = start, end
        occurrence.repeat_start = start
        kept.append(occurrence)
    for (key, _day), (start, end) in wanted.items():
        kept.append(make_occurrence(start=start, end=end, repeat_key=key, repeat_start=start))
    kept.sort(key=lambda occurrence: occurrence.start)
    for order, occurrence in enumerate(kept):
        occurrence.sort_order = order
    return kept
