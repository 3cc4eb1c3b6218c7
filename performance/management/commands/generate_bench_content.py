"""A larger site for the benchmark (``make bench``): many events, publications, galleries and
activities in every language, added under the demo site's pages.

Run ``load_demo_content`` first. The pages are published directly (no revisions or
moderation) and can be told apart by their slugs, which start with ``bench-``.
"""

import datetime
import itertools

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.models import Area
from culture.models import ActivityPage, GalleryImage, GalleryIndexPage, GalleryPage, SectionPage
from events.models import EventIndexPage, EventOccurrence, EventPage, Venue
from publications.models import PublicationIndexPage, PublicationKind, PublicationPage

PREFIX = "bench-"
PARAGRAPH = (
    "<p>A generated page for the benchmark: an ordinary amount of text, with a "
    "<a href='https://example.org/'>link</a>, so that pages weigh what real ones do.</p>"
)


class Command(BaseCommand):
    help = "Add many generated events, publications, galleries and activities in every language."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=2000, help="events per language")
        parser.add_argument(
            "--publications", type=int, default=1000, help="publications per language"
        )
        parser.add_argument("--galleries", type=int, default=200, help="galleries per language")
        parser.add_argument("--activities", type=int, default=100, help="activities per language")
        parser.add_argument("--gallery-images", type=int, default=12, help="images per gallery")

    def handle(self, *args, **options):
        if not EventIndexPage.objects.exists():
            raise CommandError("Load the demo content first: python manage.py load_demo_content")
        images = list(get_image_model().objects.order_by("id"))
        if not images:
            raise CommandError("The demo content has no images.")
        self.images = itertools.cycle(images)
        self.gallery_images = images
        for locale in Locale.objects.order_by("id"):
            # Each language in one transaction, so an interrupted run resumes where it stopped.
            if EventPage.objects.filter(locale=locale, slug__startswith=PREFIX).exists():
                self.stdout.write(f"{locale.language_code}: the benchmark content exists already.")
                continue
            with transaction.atomic():
                self.generate(locale, options)

    def generate(self, locale, options):
        code = locale.language_code
        areas = list(Area.objects.filter(locale=locale)) or list(Area.objects.all()[:5])
        area_cycle = itertools.cycle(areas)
        venues = itertools.cycle([*Venue.objects.filter(locale=locale), None])
        now = timezone.now()

        sections = list(SectionPage.objects.filter(locale=locale, alias_of__isnull=True))
        for number in range(options["activities"] if sections else 0):
            section = sections[number % len(sections)]
            self.add(
                section,
                ActivityPage(
                    title=f"Activity {number} ({code})",
                    slug=f"{PREFIX}activity-{number}",
                    summary="A weekly group for everyone interested.",
                    schedule="Tuesdays 18:00–19:30",
                    place="Linnankatu 20, Turku",
                    languages=[code],
                    image=next(self.images),
                    body=[("paragraph", PARAGRAPH)],
                    areas=[section.area],
                ),
            )
        self.stdout.write(f"{code}: {options['activities']} activities")

        events_index = EventIndexPage.objects.filter(locale=locale).first()
        for number in range(options["events"]):
            # Spread over two years around today: half to come, half past.
            start = now + datetime.timedelta(hours=(number - options["events"] // 2) * 9)
            venue = next(venues)
            self.add(
                events_index,
                EventPage(
                    title=f"Event {number} ({code})",
                    slug=f"{PREFIX}event-{number}",
                    summary="An evening of music, talks and tea.",
                    venue=venue,
                    online_url="" if venue else "https://meet.example.org/baltic-region",
                    languages=[code],
                    image=next(self.images),
                    body=[("paragraph", PARAGRAPH)],
                    areas=[next(area_cycle)],
                    occurrences=[
                        EventOccurrence(
                            start=start + datetime.timedelta(weeks=week),
                            end=start + datetime.timedelta(weeks=week, hours=2),
                        )
                        for week in range(1 + number % 3)
                    ],
                ),
            )
        self.stdout.write(f"{code}: {options['events']} events")

        publications_index = PublicationIndexPage.objects.filter(locale=locale).first()
        kinds = itertools.cycle(PublicationKind.values)
        for number in range(options["publications"]):
            self.add(
                publications_index,
                PublicationPage(
                    title=f"Publication {number} ({code})",
                    slug=f"{PREFIX}publication-{number}",
                    kind=next(kinds),
                    date_published=timezone.localdate() - datetime.timedelta(days=number),
                    summary="News from the association and its partners.",
                    cover_image=next(self.images),
                    body=[("paragraph", PARAGRAPH)] * 3,
                    areas=[next(area_cycle)],
                ),
            )
        self.stdout.write(f"{code}: {options['publications']} publications")

        galleries_index = GalleryIndexPage.objects.filter(locale=locale).first()
        for number in range(options["galleries"]):
            self.add(
                galleries_index,
                GalleryPage(
                    title=f"Gallery {number} ({code})",
                    slug=f"{PREFIX}gallery-{number}",
                    date=timezone.localdate() - datetime.timedelta(days=number),
                    cover_image=next(self.images),
                    areas=[next(area_cycle)],
                    gallery_images=[
                        GalleryImage(
                            image=self.gallery_images[(number + offset) % len(self.gallery_images)],
                            alt_text=f"Photo {offset + 1}",
                            sort_order=offset,
                            locale=locale,
                        )
                        for offset in range(options["gallery_images"])
                    ],
                ),
            )
        self.stdout.write(f"{code}: {options['galleries']} galleries")

    def add(self, parent, page):
        page.live = True
        page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
