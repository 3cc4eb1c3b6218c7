"""The event card's value (see ``core.cards``): what the schedule, home and area pages show of
an event."""

from typing import NamedTuple

from core.cards import card_areas, card_picture

from .availability import next_date_availability


class When(NamedTuple):
    """The date an event card shows, as ``events/occurrence_when.html`` reads it."""

    start: object
    end: object
    all_day: bool
    is_multi_day: bool


class EventCard(NamedTuple):
    url: str
    title: str
    cancelled: bool
    when: When | None
    # How many more upcoming dates the event has after ``when``.
    more_dates: int
    venue: str
    online: bool
    summary: str
    areas: tuple
    picture: str
    # The sign-up state of the next date (events.availability), or None.
    availability: object


def event_card(event, request):
    occurrence = event.next_occurrence
    venue = event.local_venue
    return EventCard(
        url=event.get_url(request=request) or "",
        title=event.title,
        cancelled=event.is_cancelled,
        when=When(occurrence.start, occurrence.end, occurrence.all_day, occurrence.is_multi_day)
        if occurrence
        else None,
        more_dates=max(len(event.upcoming_occurrences) - 1, 0) if occurrence else 0,
        venue=venue.name if venue else "",
        online=event.is_online,
        summary=event.summary,
        areas=card_areas(event),
        picture=card_picture(event.image),
        availability=None if event.is_cancelled else next_date_availability(event),
    )
