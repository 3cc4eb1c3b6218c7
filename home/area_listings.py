"""What an area page lists besides its activities: each app registers its own listing
(galleries, upcoming events, latest publications), so the area page needs no knowledge of
the apps that plug into it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AreaListing:
    order: int
    template: str
    # (area, locale, request) -> list of pages; empty lists are not shown.
    items_for_area: Callable


_listings: list[AreaListing] = []


def register_area_listing(order, template, items_for_area):
    _listings.append(AreaListing(order, template, items_for_area))
    _listings.sort(key=lambda listing: listing.order)


def area_listings(area, locale, request):
    shown = []
    for listing in _listings:
        items = listing.items_for_area(area, locale, request)
        if items:
            shown.append({"template": listing.template, "items": items})
    return shown
