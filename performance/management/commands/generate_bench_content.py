"""A larger site for the benchmark (``make bench``): many events, publications, galleries and
activities in every language, added under the demo site's pages.

Run ``load_demo_content`` first. Each page is made in English and translated into the other
languages the way wagtail-localize links translations (the same ``translation_key``, each under
its language's own list), published directly (no revisions or moderation), and can be told apart
by its slug, which starts with ``bench-``. The first event also has wagtail-localize's
translation records, so that its translation editor opens as for a translated page.

The rows are inserted in bulk, with the tree's paths computed here: saving pages one by one (the
tree, revisions, signals, the search index) took too long for a site of 100,000 pages per
language. What visitors and the site's search see is made as well: events' dates, gallery
images, areas and search index entries. The reference index is not (it only lists where an image
or snippet is used).
"""

import datetime
import re
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry
from wagtail_localize.models import Translation, TranslationSource

from core.caching import new_content_version
from core.models import Area
from culture.models import ActivityPage, GalleryImage, GalleryIndexPage, GalleryPage, SectionPage
from events.models import EventIndexPage, EventOccurrence, EventPage, Venue
from publications.models import PublicationIndexPage, PublicationKind, PublicationPage

PREFIX = "bench-"
PARAGRAPH = (
    "<p>A generated page for the benchmark: an ordinary amount of text, with a "
    "<a href='https://example.org/'>link</a>, so that pages weigh what real ones do.</p>"
)
# English pages made (and translated) at a time: bounds the memory a large run takes.
BATCH = 5000


def path_step(number):
    """The ``number``-th step of a materialised path, as treebeard writes it (``Page.alphabet``,
    ``Page.steplen`` characters)."""
    base = len(Page.alphabet)
    digits = []
    for _digit in range(Page.steplen):
        number, remainder = divmod(number, base)
        digits.append(Page.alphabet[remainder])
    if number:
        raise CommandError("A page has more children than its tree's paths can number.")
    return "".join(reversed(digits))


def step_number(step):
    number = 0
    for character in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


class Children:
    """Adds pages under one parent: the next free path steps, and its count of children."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_last_child()
        self.next_number = step_number(last.path[-Page.steplen :]) + 1 if last else 1
        self.added = 0

    def place(self, page):
        page.path = self.parent.path + path_step(self.next_number)
        page.depth = self.parent.depth + 1
        page.url_path = f"{self.parent.url_path}{page.slug}/"
        page.locale_id = self.parent.locale_id
        self.next_number += 1
        self.added += 1

    def save_count(self):
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
        self.parent.numchild += self.added
        self.added = 0


def insert_own_rows(model, pages):
    """Insert the rows of ``model``'s own table for ``pages``, whose ``Page`` rows exist:
    Django's ``bulk_create`` refuses models with a parent table."""
    fields = [
        field
        for field in model._meta.get_fields(include_parents=False)
        if getattr(field, "concrete", False) and not field.many_to_many
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608 - names from the model
            f"({columns}) VALUES ({placeholders})",
            rows,
        )


def index_alike(backend, model, groups):
    """Add search index entries for pages in ``groups``, lists of pages that index the same text
    but their titles.

    The first page of each group is indexed by the search backend, all in one call (the backend
    refreshes every entry's title weighting on each call); the others' entries are copied from
    it on PostgreSQL, with their own titles: building each entry in Python took most of the
    generator's time. A group is copied only when the copying statement gives its first page the
    title vectors the backend gave it, so it never writes entries the backend would not have."""
    backend.add_bulk(model, [group[0] for group in groups])
    for first, *others in groups:
        if others and not (
            connection.vendor == "postgresql"
            and hasattr(backend, "config_for_language")
            and copy_index_entry(backend, first, others)
        ):
            backend.add_bulk(model, others)


def copy_index_entry(backend, first, others):
    """Copy the index entry of ``first`` to ``others`` with their own titles; False if the copy
    would not match what the backend writes."""
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    params = {
        "config": backend.config_for_language(first.locale.language_code),
        "autocomplete_config": backend.autocomplete_config,
        "content_type": first.content_type_id,
        "first": str(first.pk),
        "first_id": first.pk,
        "ids": [page.pk for page in others],
    }
    entry = (
        f"FROM wagtailcore_page page, {table} entry "  # noqa: S608 - names from the model
        "WHERE entry.content_type_id = %(content_type)s AND entry.object_id = %(first)s"
    )
    title = "setweight(to_tsvector(%(config)s::regconfig, page.title), %(weight)s)"
    autocomplete = "setweight(to_tsvector(%(autocomplete_config)s::regconfig, page.title), 'D')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT entry.title::text {entry} AND page.id = %(first_id)s", params)
        # A lexeme's weight follows its positions in tsvector's text, none for D.
        weight = re.search(r":\d+([ABC])?", cursor.fetchone()[0])
        params["weight"] = (weight and weight.group(1)) or "D"
        cursor.execute(
            f"SELECT entry.title = {title} AND entry.autocomplete = {autocomplete} "
            f"{entry} AND page.id = %(first_id)s",
            params,
        )
        if not cursor.fetchone()[0]:
            return False
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "
            "title_norm, title_text, body_text) "
            f"SELECT entry.content_type_id, page.id::text, {title}, {autocomplete}, entry.body, "
            f"entry.title_norm, page.title, entry.body_text {entry} AND page.id = ANY(%(ids)s)",
            params,
        )
    return True


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
        self.images = list(get_image_model().objects.order_by("id"))
        if not self.images:
            raise CommandError("The demo content has no images.")
        started = time.monotonic()
        self.source_locale = Locale.get_default()
        self.locales = [
            self.source_locale,
            *Locale.objects.exclude(pk=self.source_locale.pk).order_by("id"),
        ]
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.areas = self.translations_of(Area.objects.all())
        self.venues = self.translations_of(Venue.objects.all())
        self.gallery_images = options["gallery_images"]
        self.run_key = uuid.uuid4()
        kinds = [
            ("activity", options["activities"], SectionPage, self.activity),
            ("event", options["events"], EventIndexPage, self.event),
            ("publication", options["publications"], PublicationIndexPage, self.publication),
            ("gallery", options["galleries"], GalleryIndexPage, self.gallery),
        ]
        for kind, count, parent_model, make in kinds:
            # Each kind in one transaction, so an interrupted run resumes where it stopped.
            if Page.objects.filter(slug__startswith=f"{PREFIX}{kind}-").exists():
                self.stdout.write(f"{kind}: the benchmark content exists already.")
                continue
            with transaction.atomic():
                self.generate(kind, count, parent_model, make)
            self.stdout.write(f"{count} {kind} pages per language")
        with transaction.atomic():
            self.add_translation_records()
        # What the site keeps per content version (routes, listings) must see the new pages.
        new_content_version()
        self.stdout.write(f"Generated in {time.monotonic() - started:.0f} s")

    def translations_of(self, queryset):
        """Each object of ``queryset`` in every language: {(translation_key, locale_id): object}."""
        return {(item.translation_key, item.locale_id): item for item in queryset}

    def originals(self, translations):
        return [
            item
            for (_key, locale_id), item in translations.items()
            if locale_id == self.source_locale.pk
        ]

    def in_language(self, translations, item, locale):
        """The translation of ``item`` into ``locale``, else ``item`` itself."""
        return translations.get((item.translation_key, locale.pk), item) if item else None

    def generate(self, kind, count, parent_model, make):
        originals = list(
            parent_model.objects.filter(locale=self.source_locale, alias_of__isnull=True).order_by(
                "path"
            )
        )
        if not originals or not count:
            return
        parents = self.translations_of(
            parent_model.objects.filter(
                translation_key__in=[page.translation_key for page in originals]
            )
        )
        children = {parent.pk: Children(parent) for parent in parents.values()}
        for first in range(0, count, BATCH):
            pages = []
            for number in range(first, min(first + BATCH, count)):
                original_parent = originals[number % len(originals)]
                translation_key = uuid.uuid4()
                for locale in self.locales:
                    parent = parents.get((original_parent.translation_key, locale.pk))
                    if parent is None:
                        continue
                    page = make(number, count, locale, parent)
                    page.translation_key = translation_key
                    page.live = True
                    page.first_published_at = page.last_published_at = self.now
                    page.draft_title = page.title
                    children[parent.pk].place(page)
                    pages.append(page)
            self.insert(type(pages[0]), pages)
        for placed in children.values():
            placed.save_count()

    def insert(self, model, pages):
        # The page rows are read from the specific pages (Page's own fields); the ids made are
        # given back to them, and their own rows follow.
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding = False
        insert_own_rows(model, pages)
        if hasattr(model, "areas"):
            field = model._meta.get_field("areas")
            through = field.remote_field.through
            through.objects.bulk_create(
                through(**{f"{field.m2m_field_name()}_id": page.pk, "area_id": area.pk})
                for page in pages
                for area in page.bench_areas
            )
        for relation in ("occurrences", "gallery_images"):
            if hasattr(model, relation):
                rows = []
                for page in pages:
                    for row in getattr(page, relation).all():
                        row.page_id = page.pk
                        rows.append(row)
                type(rows[0]).objects.bulk_create(rows)
        if model is PublicationPage:
            # What their search index entries read, for the whole batch at once.
            prefetch_related_objects(pages, "tags", "authors")
        groups = {}
        for page in pages:
            # Pages of one language with the same venue index the same text but their titles.
            groups.setdefault((page.locale_id, getattr(page, "venue_id", None)), []).append(page)
        for backend in get_search_backends():
            index_alike(backend, model, list(groups.values()))

    def image(self, number):
        return self.images[number % len(self.images)]

    def area(self, number, locale):
        originals = self.originals(self.areas)
        return self.in_language(self.areas, originals[number % len(originals)], locale)

    def activity(self, number, count, locale, section):
        page = ActivityPage(
            title=f"Activity {number} ({locale.language_code})",
            slug=f"{PREFIX}activity-{number}",
            locale=locale,
            summary="A weekly group for everyone interested.",
            schedule="Tuesdays 18:00–19:30",
            place="Linnankatu 20, Turku",
            languages=[locale.language_code],
            image=self.image(number),
            body=[("paragraph", PARAGRAPH)],
        )
        page.bench_areas = [section.area]
        return page

    def event(self, number, count, locale, index):
        # Spread around today, every ninth hour: half to come, half past.
        start = self.now + datetime.timedelta(hours=(number - count // 2) * 9)
        venues = [None, *self.originals(self.venues)]
        venue = self.in_language(self.venues, venues[number % len(venues)], locale)
        page = EventPage(
            title=f"Event {number} ({locale.language_code})",
            slug=f"{PREFIX}event-{number}",
            locale=locale,
            summary="An evening of music, talks and tea.",
            venue=venue,
            online_url="" if venue else "https://meet.example.org/baltic-region",
            languages=[locale.language_code],
            image=self.image(number),
            body=[("paragraph", PARAGRAPH)],
            occurrences=[
                EventOccurrence(
                    start=start + datetime.timedelta(weeks=week),
                    end=start + datetime.timedelta(weeks=week, hours=2),
                    sort_order=week,
                )
                for week in range(1 + number % 3)
            ],
        )
        # Inserted in bulk, without the page's save that sets it.
        page.note_next_date(self.now)
        page.bench_areas = [self.area(number, locale)]
        return page

    def publication(self, number, count, locale, index):
        page = PublicationPage(
            title=f"Publication {number} ({locale.language_code})",
            slug=f"{PREFIX}publication-{number}",
            locale=locale,
            kind=PublicationKind.values[number % len(PublicationKind.values)],
            date_published=self.today - datetime.timedelta(days=number),
            summary="News from the association and its partners.",
            cover_image=self.image(number),
            body=[("paragraph", PARAGRAPH)] * 3,
        )
        page.bench_areas = [self.area(number, locale)]
        return page

    def gallery(self, number, count, locale, index):
        page = GalleryPage(
            title=f"Gallery {number} ({locale.language_code})",
            slug=f"{PREFIX}gallery-{number}",
            locale=locale,
            date=self.today - datetime.timedelta(days=number),
            cover_image=self.image(number),
            gallery_images=[
                GalleryImage(
                    image=self.image(number + offset),
                    alt_text=f"Photo {offset + 1}",
                    sort_order=offset,
                    locale=locale,
                    # One key for the same place in every language's gallery.
                    translation_key=uuid.uuid5(self.run_key, f"gallery-{number}-{offset}"),
                )
                for offset in range(self.gallery_images)
            ],
        )
        page.bench_areas = [self.area(number, locale)]
        return page

    def add_translation_records(self):
        """wagtail-localize's records of the first event's translations, as "Translate this
        page" makes them: its translation editor then opens for each language."""
        event = EventPage.objects.filter(locale=self.source_locale, slug=f"{PREFIX}event-0").first()
        if event is None:
            return
        source, _created = TranslationSource.get_or_create_from_instance(event)
        for locale in self.locales[1:]:
            Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
