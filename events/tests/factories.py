"""Factories of the events app: venues and the schedule's pages (see core/tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from core.tests.factories import PageFactory, TranslatableSnippetFactory, list_page
from events.models import EventIndexPage, EventOccurrence, EventPage, EventRepeat, Venue
from events.repeats import synchronised_occurrences


class VenueFactory(TranslatableSnippetFactory):
    name = factory.Sequence(lambda n: f"Venue {n}")
    address = "Harbour street 1, Turku"

    class Meta:
        model = Venue


class EventIndexPageFactory(PageFactory):
    title = "Events"
    show_in_menus = True

    class Meta:
        model = EventIndexPage


def occurrences(*starts, hours=2):
    """Dates and times of an event, each ``hours`` long: ``EventPageFactory(occurrences=occurrences(start, ...))``."""
    return [
        EventOccurrence(start=start, end=start + datetime.timedelta(hours=hours), sort_order=order)
        for order, start in enumerate(starts)
    ]


class EventPageFactory(PageFactory):
    """An event on the English schedule (made if there is none), at a new venue, held in English,
    once, a week from now, unless told otherwise."""

    parent = factory.LazyFunction(lambda: list_page(EventIndexPageFactory))
    venue = factory.SubFactory(VenueFactory)
    languages = factory.LazyFunction(lambda: ["en"])
    occurrences = factory.LazyFunction(
        lambda: occurrences(timezone.now() + datetime.timedelta(days=7))
    )

    class Meta:
        model = EventPage


def repeating(**fields):
    """A repeat and the dates it gives, as the admin's form saves them:
    ``EventPageFactory(**repeating(weekdays=[2], start_time=..., ...))``."""
    repeat = EventRepeat(**fields)
    return {
        "repeats": [repeat],
        "occurrences": synchronised_occurrences([repeat], [], EventOccurrence),
    }


def wednesdays(first_date, last_date, **fields):
    """Every Wednesday 17:00–18:00 from ``first_date`` to ``last_date``: ``repeating`` them."""
    return repeating(
        weekdays=[2],
        start_time=datetime.time(17),
        end_time=datetime.time(18),
        first_date=first_date,
        last_date=last_date,
        **fields,
    )
