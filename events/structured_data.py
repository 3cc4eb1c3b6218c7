"""schema.org Event data for search engines and other readers of the page, with the fields
Google documents as required and recommended (developers.google.com/search/docs/appearance/
structured-data/event)."""

from django.conf import settings
from django.utils import timezone

from core.structured_data import link_preview_image, organisation_reference, postal_address

from .availability import CLOSED, FULL, OPEN, WAITING_LIST, availability, places_taken

SCHEMA = "https://schema.org/"


def event_json_ld(page, request):
    """One Event per date (at most twenty, those still to come first): search engines show each
    date as an event. A weekly event also gives its repeats as an ``eventSchedule``."""
    url = request.build_absolute_uri(page.get_url(request))
    association = organisation_reference(request)
    shared = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "image": [link_preview_image(page, request, association["name"])["url"]],
        "eventStatus": SCHEMA + ("EventCancelled" if page.is_cancelled else "EventScheduled"),
        "organizer": organiser(page, association),
        "offers": offer(page, url),
        "inLanguage": page.languages,
        **where(page),
    }
    if page.repeat_list:
        shared["eventSchedule"] = [schedule(repeat, page) for repeat in page.repeat_list]
    now = timezone.now()
    shown = [o for o in page.sorted_occurrences if o.is_not_over(now)] or page.sorted_occurrences
    return [
        {
            **shared,
            **dates(occurrence),
            **({"eventStatus": SCHEMA + "EventCancelled"} if occurrence.cancelled else {}),
            **sign_up_offer(page, occurrence, shared["offers"]),
        }
        for occurrence in shown[:20]
    ]


DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def schedule(repeat, page):
    """A repeat as a schema.org Schedule: its weekdays and local times from its first date to
    its last, but its exceptions and the dates cancelled one by one. Its extra dates are
    Events of their own."""
    cancelled = {
        timezone.localtime(occurrence.repeat_start).date()
        for occurrence in page.sorted_occurrences
        if occurrence.cancelled and occurrence.repeat_key == str(repeat.key)
    }
    data = {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": [SCHEMA + DAY_NAMES[int(day)] for day in sorted(repeat.weekdays)],
        "startDate": repeat.first_date.isoformat(),
        "endDate": repeat.last_date.isoformat(),
        "startTime": repeat.start_time.isoformat(),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if repeat.end_time:
        data["endTime"] = repeat.end_time.isoformat()
    skipped = sorted({*repeat.exception_days, *cancelled})
    if skipped:
        data["exceptDate"] = [day.isoformat() for day in skipped]
    return data


# schema.org's ItemAvailability for the states of the sign-up on this site.
AVAILABILITY = {
    OPEN: "InStock",
    WAITING_LIST: "SoldOut",
    FULL: "SoldOut",
    CLOSED: "SoldOut",
}


def sign_up_offer(page, occurrence, offer):
    """The offer of a date with sign-up on this site: whether places are left on it. Past
    dates and cancelled events keep the event's offer."""
    if (
        not page.registration_open
        or page.is_cancelled
        or occurrence.cancelled
        or not occurrence.is_upcoming(timezone.now())
    ):
        return {}
    state = availability(page, occurrence, lambda: places_taken(page, occurrence))
    name = AVAILABILITY.get(state.status, "LimitedAvailability")
    offer = {**offer, "availability": SCHEMA + name}
    if state.places_left is not None and state.status != CLOSED:
        offer["inventoryLevel"] = {"@type": "QuantitativeValue", "value": state.places_left}
    return {"offers": offer}


def dates(occurrence):
    """An all-day date is given as a date: its midnight-to-midnight times would put it on
    another day in other time zones."""
    start = timezone.localtime(occurrence.start)
    end = timezone.localtime(occurrence.end) if occurrence.end else None
    if occurrence.all_day:
        start, end = start.date(), end and end.date()
    return {"startDate": start.isoformat(), **({"endDate": end.isoformat()} if end else {})}


def where(page):
    """The venue with its postal address, or the online link; nothing while it is to be announced."""
    venue = page.local_venue
    if venue:
        place = {"@type": "Place", "name": venue.name}
        if venue.address:
            place["address"] = postal_address(venue.address)
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        return {"location": place, "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode"}
    if page.online_url:
        return {
            "location": {"@type": "VirtualLocation", "url": page.online_url},
            "eventAttendanceMode": SCHEMA + "OnlineEventAttendanceMode",
        }
    return {}


def organiser(page, association):
    """The association (its home page and logo) when it organises the event, as the field's default
    says; another organiser by name."""
    name = page.organiser.strip()
    ours = association["name"].casefold()
    if not name or name.casefold() in ours or ours in name.casefold():
        return {**association, "name": name or association["name"]}
    return {"@type": "Organization", "name": name}


def offer(page, url):
    """Free events are offered at 0 €; tickets are on sale from the event's announcement."""
    data = {
        "@type": "Offer",
        "price": str(page.price if page.price is not None else 0),
        "priceCurrency": "EUR",
        "url": page.registration_url or url,
        "availability": SCHEMA + ("Discontinued" if page.is_cancelled else "InStock"),
    }
    if page.first_published_at:
        data["validFrom"] = timezone.localtime(page.first_published_at).isoformat()
    return data
