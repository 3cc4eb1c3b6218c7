"""iCalendar files for one event and subscribable feeds, made with the icalendar library."""

import datetime
import functools

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from .feeds import announced_title
from .repeats import times_of, weekly_dates

PRODUCT_ID = "-//Baltic Region association//Events//EN"
# The zone of the site's TIME_ZONE, in which every time of the calendars is written.
TIME_ZONE_ID = "Europe/Helsinki"
# RRULE's BYDAY codes, Monday first as ``date.weekday()``.
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@functools.cache
def helsinki_timezone():
    """Europe/Helsinki as tzdata states it since 1996 (the EU rules): summer time from the last
    Sunday of March, 03:00, to the last Sunday of October, 04:00 local time. As yearly rules
    rather than icalendar's list of dates (``add_missing_timezones``), which ends in 2037 and of
    which ical.js and Outlook read only the first date, putting summer events an hour off."""
    zone = Timezone()
    zone.add("tzid", TIME_ZONE_ID)
    for observance, onset, offset_from, offset_to, name in (
        (TimezoneDaylight, datetime.datetime(1996, 3, 31, 3), 2, 3, "EEST"),
        (TimezoneStandard, datetime.datetime(1996, 10, 27, 4), 3, 2, "EET"),
    ):
        rule = observance()
        rule.add("dtstart", onset)
        rule.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        rule.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        rule.add("tzname", name)
        rule.add("rrule", {"freq": "yearly", "bymonth": onset.month, "byday": "-1su"})
        zone.add_component(rule)
    return zone


def occurrence_uid(occurrence):
    # Stable for as long as the occurrence exists; distinct per language version of the event.
    return f"event-occurrence-{occurrence.pk}@baltic-region"


def event_entry(page, uid, request):
    """A VEVENT of ``page`` with what all its entries share; the caller adds the times."""
    entry = Event()
    entry.add("uid", uid)
    entry.add("summary", announced_title(page))
    # Revisions are numbered in the order they are made, so the live one's number grows with
    # each publication: calendar apps replace an entry whose SEQUENCE went up.
    entry.add("sequence", page.live_revision_id or 0)
    if page.last_published_at:
        entry.add("last-modified", page.last_published_at)
    # Without a METHOD, DTSTAMP is when the entry last changed (RFC 5545, 3.8.7.2).
    entry.add("dtstamp", page.last_published_at or timezone.now())
    url = request.build_absolute_uri(page.get_url(request))
    entry.add("url", url)
    description = page.summary or ""
    entry.add("description", f"{description}\n\n{url}".strip())
    venue = page.local_venue
    if venue:
        entry.add("location", vText(", ".join(filter(None, [venue.name, venue.one_line_address]))))
        if venue.latitude is not None and venue.longitude is not None:
            entry.add("geo", (float(venue.latitude), float(venue.longitude)))
    elif page.online_url:
        entry.add("location", vText(page.online_url))
    entry.add("status", "CANCELLED" if page.is_cancelled else "CONFIRMED")
    return entry


def add_times(entry, occurrence):
    if occurrence.all_day:
        # Dates of Helsinki's calendar: in UTC an all-day event would start the day before.
        first = timezone.localtime(occurrence.start).date()
        last = timezone.localtime(occurrence.end).date() if occurrence.end else first
        entry.add("dtstart", first)
        entry.add("dtend", last + datetime.timedelta(days=1))
    else:
        entry.add("dtstart", timezone.localtime(occurrence.start))
        entry.add(
            "dtend",
            timezone.localtime(occurrence.end or occurrence.start + datetime.timedelta(hours=1)),
        )


def occurrence_to_ical(occurrence, request):
    entry = event_entry(occurrence.page, occurrence_uid(occurrence), request)
    add_times(entry, occurrence)
    if occurrence.cancelled:
        entry["status"] = "CANCELLED"
    return entry


def repeat_to_ical(repeat, rows, request):
    """One entry with the repeat's rule (RRULE, EXDATE, RDATE in Helsinki time) rather than one
    per date, so a weekly club is one series in calendar apps; a cancelled date is an EXDATE, a
    moved one an entry of its own naming the date it replaces (RECURRENCE-ID).

    The series starts at the first of ``rows``: a subscribed calendar holds only the recent and
    coming dates, and older ones, whose cancellations it does not read, are left out."""
    page = rows[0].page
    uid = f"event-repeat-{repeat.pk}@baltic-region"
    since = min(timezone.localtime(row.repeat_start).date() for row in rows)
    weekly = [day for day in weekly_dates(repeat) if day >= since]
    extras = [day for day in repeat.extra_days if day >= since]
    first_day = weekly[0] if weekly else min(extras)
    start, end = times_of(repeat, first_day)
    series = event_entry(page, uid, request)
    series.add("dtstart", start)
    series.add("dtend", end or start + datetime.timedelta(hours=1))
    if weekly:
        series.add(
            "rrule",
            {
                "freq": "weekly",
                "byday": [WEEKDAY_CODES[int(day)] for day in sorted(repeat.weekdays)],
                # UTC, as RFC 5545 asks of UNTIL when DTSTART has a TZID.
                "until": times_of(repeat, weekly[-1])[0].astimezone(datetime.UTC),
            },
        )
    left_out = [times_of(repeat, day)[0] for day in repeat.exception_days if day >= first_day]
    left_out += [row.repeat_start for row in rows if row.cancelled]
    if left_out:
        series.add("exdate", [timezone.localtime(moment) for moment in sorted(left_out)])
    added = [times_of(repeat, day)[0] for day in extras if day != first_day]
    if added:
        series.add("rdate", added)
    yield series
    for row in rows:
        planned = times_of(repeat, timezone.localtime(row.repeat_start).date())
        if row.cancelled or (row.start, row.end) == planned:
            continue
        moved = event_entry(page, uid, request)
        moved.add("recurrence-id", timezone.localtime(row.repeat_start))
        add_times(moved, row)
        yield moved


def calendar_entries(occurrences, request):
    """The VEVENTs of ``occurrences`` (with their pages' ``repeats`` prefetched): an entry per date
    added by hand, a series per repeat."""
    series = {}
    for occurrence in occurrences:
        repeats = {str(repeat.key): repeat for repeat in occurrence.page.repeat_list}
        repeat = repeats.get(occurrence.repeat_key)
        if repeat is None:
            yield occurrence_to_ical(occurrence, request)
        else:
            series.setdefault(repeat.pk, (repeat, []))[1].append(occurrence)
    for repeat, rows in series.values():
        yield from repeat_to_ical(repeat, rows, request)


def inline_file(name):
    """``Content-Disposition`` naming the file: a name in another script (a Russian slug) as
    RFC 6266's ``filename*``, which Django writes, after an ASCII ``filename`` for clients
    that do not read it."""
    header = content_disposition_header(as_attachment=False, filename=name)
    if name.isascii():
        return header
    stem, _dot, extension = name.rpartition(".")
    fallback = content_disposition_header(
        as_attachment=False, filename=f"{slugify(stem) or 'calendar'}.{extension}"
    )
    return f"{fallback}; {header.removeprefix('inline; ')}"


def calendar_file(request, occurrences, name):
    """The iCalendar file of ``occurrences``, as bytes: a series per repeat."""
    return calendar_of(name, calendar_entries(occurrences, request))


def one_date_file(request, occurrence, name):
    """The iCalendar file of one date alone, even of a repeat (a sign-up is for one date)."""
    return calendar_of(name, [occurrence_to_ical(occurrence, request)])


def calendar_of(name, entries):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE_ID)
    # Calendar apps need the rules of the zone the times' TZID names.
    calendar.add_component(helsinki_timezone())
    for entry in entries:
        calendar.add_component(entry)
    return calendar.to_ical()


def calendar_response(request, occurrences, name, filename):
    response = HttpResponse(
        calendar_file(request, occurrences, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = inline_file(filename)
    return response
