"""Factories of the culture app's pages (see core/tests/factories.py)."""

import factory
from django.utils import timezone

from core.tests.factories import AreaFactory, PageFactory, list_page
from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage


class SectionPageFactory(PageFactory):
    """The page of an area (a new one unless ``area`` is given), under the English home page."""

    area = factory.SubFactory(AreaFactory)
    title = factory.LazyAttribute(lambda page: page.area.name)

    class Meta:
        model = SectionPage


class ActivityPageFactory(PageFactory):
    """An activity of an area: under a new area page unless ``parent`` is given, and in its area."""

    parent = factory.SubFactory(SectionPageFactory)
    areas = factory.LazyAttribute(lambda page: [page.parent.area])
    schedule = "Tuesdays 18:00–19:30"
    languages = factory.LazyFunction(lambda: ["ru", "fi"])

    class Meta:
        model = ActivityPage


class GalleryIndexPageFactory(PageFactory):
    title = "Galleries"
    show_in_menus = True

    class Meta:
        model = GalleryIndexPage


class GalleryPageFactory(PageFactory):
    """A gallery (of no photos unless ``gallery_images`` are given) in the English galleries."""

    parent = factory.LazyFunction(lambda: list_page(GalleryIndexPageFactory))
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = GalleryPage
