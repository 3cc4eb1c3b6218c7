""" "Fill from the calendar": the draft a new issue starts with."""

import datetime

from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext

from core.models import Area
from events.models import EventPage, soonest_first
from publications.models import PublicationPage

from .models import Delivery

# How far ahead the events of a new issue reach.
EVENTS_AHEAD = datetime.timedelta(weeks=6)
# Publications since the last issue was sent; before the first, this far back.
FIRST_ISSUE_LOOKS_BACK = datetime.timedelta(weeks=6)


def upcoming_events(locale, now):
    events = EventPage.objects.live().public().filter(locale=locale)
    return list(
        soonest_first(events, now)
        .filter(next_start__lt=now + EVENTS_AHEAD)
        .prefetch_related("areas")
    )


def recent_publications(locale, now):
    last_sent = Delivery.objects.aggregate(last=Max("sent_at"))["last"]
    since = (last_sent or now - FIRST_ISSUE_LOOKS_BACK).date()
    return list(
        PublicationPage.objects.live()
        .public()
        .filter(locale=locale, date_published__gt=since)
        .prefetch_related("areas")
        .order_by("-date_published")
    )


def calendar_draft(locale, now):
    """The body of a new issue as StreamField data: a section for everybody with what belongs
    to several areas or none, then a section per area with what belongs to it alone, each item
    a page teaser. Areas are named as the English areas are (subscribers choose those)."""
    general, by_area = [], {}
    for page in upcoming_events(locale, now) + recent_publications(locale, now):
        areas = list(page.areas.all())
        teaser = {"type": "page", "value": {"page": page.pk, "text": ""}}
        if len(areas) == 1:
            by_area.setdefault(areas[0].translation_key, []).append(teaser)
        else:
            general.append(teaser)
    sections = []
    if general:
        with translation.override(locale.language_code):
            title = gettext("Coming up and new")
        sections.append({"type": "section", "value": {"title": title, "content": general}})
    areas = Area.objects.filter(translation_key__in=by_area, locale=locale).order_by("name")
    for area in areas:
        content = by_area[area.translation_key]
        sections.append(
            {"type": "section", "value": {"title": area.name, "area": area.pk, "content": content}}
        )
    return sections
