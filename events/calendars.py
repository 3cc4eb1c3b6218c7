"""iCalendar files for one event and subscribable feeds, made with the icalendar library."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText

PRODUCT_ID = "-//Baltic Region association//Events//EN"


def occurrence_uid(occurrence):
    # Stable for as long as the occurrence exists; distinct per language version of the event.
    return f"event-occurrence-{occurrence.pk}@baltic-region"


def occurrence_to_ical(occurrence, request):
    page = occurrence.page
    entry = Event()
    entry.add("uid", occurrence_uid(occurrence))
    entry.add("summary", page.title)
    entry.add("dtstamp", timezone.now())
    if occurrence.all_day:
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


def calendar_response(request, occurrences, name, filename):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(timezone.get_current_timezone()))
    for occurrence in occurrences:
        calendar.add_component(occurrence_to_ical(occurrence, request))
    # Calendar apps need the Europe/Helsinki rules the TZID references point at.
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
