"""Listing cards: each card is drawn from a small value holding everything it shows, and its
markup is remembered per process under that value.

A listing spent most of its rendering time in the card templates, although most cards look
the same from one request to the next. The
template sees nothing but the card's value (and the active language and time zone, which are
in the key too), so the remembered markup cannot go stale: an edited title, a renamed area, a
new image or a date that has passed make a new value, and the old markup is simply no longer
asked for. Publishing, which moves the content version on, leaves the remembered cards alone."""

from typing import NamedTuple

from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from core.caching import Memo
from core.templatetags.pictures import picture_for

# Each process keeps up to 2,048 cards with their pictures' markup: a small, bounded share of a
# worker's memory (sizes: docs/performance-notes.md).
remembered_cards = Memo(2048)


class PageCard(NamedTuple):
    url: str
    title: str
    meta: str
    summary: str
    # (name, colour) of each area, in the page's language.
    areas: tuple
    picture: str


def card_picture(image):
    return conditional_escape(picture_for(image, "card", alt="", loading="lazy")) if image else ""


def card_areas(page):
    return tuple((area.name, area.colour) for area in getattr(page, "local_areas", None) or ())


def page_card(page, request, image=None, meta=""):
    return PageCard(
        url=page.get_url(request=request) or "",
        title=page.title,
        meta=str(meta or ""),
        summary=getattr(page, "summary", ""),
        areas=card_areas(page),
        picture=card_picture(image),
    )


def render_card(template_name, card):
    """The card's markup, from ``template_name`` with ``card`` as its only variable."""
    template = get_template(template_name)
    # The compiled template (the backend wraps it anew on every call) is in the key: when the
    # development server reloads templates, new markup is made from the new template.
    key = (template.template, get_language(), timezone.get_current_timezone_name(), card)
    return remembered_cards.get_or_make(key, lambda: template.render({"card": card}))
