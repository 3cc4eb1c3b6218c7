"""Whether visitors can still sign up for an event, and how many places are left, as the event
page, its card and its JSON-LD show it.

The sign-ups themselves belong to the registrations app, which depends on events and not the
other way round: it registers the function that counts the places taken
(``register_places_counter``), and events asks it for a whole listing at once, so a card costs
no query of its own."""

from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone

from core.caching import note_live_state_shown

OPEN, FEW_LEFT, WAITING_LIST, FULL, CLOSED = "open", "few_left", "waiting_list", "full", "closed"
# "Only 3 places left" from this many down.
FEW_PLACES = 5

# (list of events, in any language) -> {event id: {date_key(date's start): places taken}}
_places_counter: Callable | None = None


def register_places_counter(counter):
    global _places_counter  # noqa: PLW0603 - the one provider, set once when apps are ready
    _places_counter = counter


class Availability(NamedTuple):
    status: str
    # None: no limit.
    places_left: int | None

    @property
    def can_sign_up(self):
        return self.status in (OPEN, FEW_LEFT, WAITING_LIST)


def is_closed(event, occurrence, now=None):
    now = now or timezone.now()
    return (
        event.is_cancelled
        or not event.registration_open
        or (event.registration_deadline is not None and now >= event.registration_deadline)
        or occurrence is None
        or occurrence.sign_up_closed
        or occurrence.start <= now
    )


def places_of(event, occurrence):
    """The places of a date: its own number where it has one, else the event's (None: no limit)."""
    return occurrence.places if occurrence.places is not None else event.places


def availability(event, occurrence, taken, now=None):
    """The state of the sign-up for one date, given the places ``taken`` on it (a callable, so
    that a closed sign-up costs no count)."""
    if is_closed(event, occurrence, now):
        return Availability(CLOSED, None)
    places = places_of(event, occurrence)
    if places is None:
        return Availability(OPEN, None)
    left = max(places - taken(), 0)
    if left:
        return Availability(FEW_LEFT if left <= FEW_PLACES else OPEN, left)
    return Availability(WAITING_LIST if event.waiting_list else FULL, 0)


def load_places_taken(events):
    """Counts the places taken on every date of ``events`` in one query, kept on each event."""
    with_sign_up = [event for event in events if event.registration_open]
    counts = {}
    if with_sign_up and _places_counter:
        counts = _places_counter(with_sign_up)
        # A sign-up moves only the live state on: this page must then be made afresh.
        note_live_state_shown()
    for event in events:
        event._places_taken = counts.get(event.pk, {})
    return events


def date_key(start):
    """A date's start as its translations' copies share it: wagtail-localize copies the
    synchronised dates through JSON, to the millisecond, so they are compared to the second."""
    return start.replace(microsecond=0)


def places_taken(event, occurrence):
    """Confirmed places on the date ``occurrence`` of ``event`` (matched by its start: the
    dates of a translation are copies of the original's)."""
    if not hasattr(event, "_places_taken"):
        load_places_taken([event])
    return event._places_taken.get(date_key(occurrence.start), 0) if occurrence else 0


def next_date_availability(event, now=None):
    """The sign-up state of the event's next date, or None for an event without sign-up."""
    if not event.registration_open:
        return None
    occurrence = event.upcoming_occurrences[0] if event.upcoming_occurrences else None
    return availability(event, occurrence, lambda: places_taken(event, occurrence), now)
