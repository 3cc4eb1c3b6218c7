"""What the home page and the area pages list from other apps: each app registers its own
listing (area pages, upcoming events, galleries, latest publications), so the base and the
home page need no knowledge of the apps that plug into them."""

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


# name in the home page's template -> (locale id, home page) -> list of pages
_home_page_listings: dict[str, Callable] = {}


def register_home_page_listing(name, items_for_home_page):
    _home_page_listings[name] = items_for_home_page


def home_page_listings(home_page):
    """Each registered listing by its name, for the home page's template."""
    return {name: list(items(home_page)) for name, items in _home_page_listings.items()}
