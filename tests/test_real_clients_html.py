"""Every public page type, in every language, as clients nobody here wrote read it: the Nu Html
Checker (vnu.jar), link previews (OpenGraph and Twitter cards, with a picture that exists and
has their size) and search engines (schema.org JSON-LD with the fields Google documents as
required and recommended for each type)."""

import datetime
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, PageViewRestriction

from conftest import LANGUAGES
from events.models import EventIndexPage, EventOccurrence, EventPage
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db

VNU = Path(__file__).parent / "validators/node_modules/vnu-jar/build/dist/vnu.jar"
OPEN_GRAPH_LOCALES = {"en": "en_GB", "fi": "fi_FI", "ru": "ru_RU"}


class Document(HTMLParser):
    """What clients read of a page: meta tags, links, JSON-LD blocks and the headings."""

    def __init__(self, html):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self.headings = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def link(self, rel, **attrs):
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]

    def data(self):
        """Every JSON-LD item, parsed as a JSON reader would (a block may hold a list)."""
        items = []
        for block in self.json_ld:
            parsed = json.loads(block)
            items += parsed if isinstance(parsed, list) else [parsed]
        return items


def public_pages():
    """{label: page or None, address} of one live, public page of every type in every language,
    and the views of the lists that are not pages of their own."""
    found = {}
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1, alias_of__isnull=True)
        .specific()
        .order_by("path")
    )
    for page in pages:
        found.setdefault(f"{type(page).__name__}-{page.locale.language_code}", (page, page.url))
    today = timezone.localdate()
    for language in LANGUAGES:
        schedule = EventIndexPage.objects.live().get(locale__language_code=language)
        found[f"past-events-{language}"] = (schedule, schedule.url + "past/")
        found[f"month-{language}"] = (schedule, f"{schedule.url}{today.year}/{today.month}/")
        next_date = (
            EventOccurrence.objects.filter(page__locale=schedule.locale)
            .upcoming()
            .order_by("start")
            .first()
        )
        day = timezone.localtime(next_date.start)
        found[f"day-{language}"] = (schedule, f"{schedule.url}{day.year}/{day.month}/{day.day}/")
        publications = PublicationIndexPage.objects.live().get(locale__language_code=language)
        year = PublicationPage.objects.child_of(publications).live().latest("date_published")
        found[f"publication-archive-{language}"] = (
            publications,
            publications.url
            + publications.reverse_subpage("year", args=(year.date_published.year,)),
        )
        found[f"search-{language}"] = (None, f"/{language}/search/?q=turku")
        found[f"members-sign-in-{language}"] = (None, f"/{language}/_util/login/")
        # An event with the sign-up form (registrations).
        sign_up = EventPage.objects.live().filter(
            locale__language_code=language, registration_open=True, waiting_list=True
        )
        found[f"event-with-sign-up-{language}"] = (sign_up.first(), sign_up.first().url)
    assert len(found) >= 3 * (12 + 4)  # every page type of the demo content, in three languages
    return found


def fetched(client, pages):
    documents = {}
    for label, (page, url) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (label, url)
        documents[label] = (page, response.content.decode())
    return documents


def test_every_public_page_type_is_valid_html_in_every_language(client, tmp_path):
    """The Nu Html Checker, run once over all the pages saved in a folder: no errors."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.skip(
            "needs Java (apt-get install default-jre-headless) and vnu.jar "
            "(npm ci --prefix tests/validators)"
        )
    for label, (_page, html) in fetched(client, public_pages()).items():
        (tmp_path / f"{label}.html").write_text(html)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '')}]"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)
    assert len(list(tmp_path.iterdir())) >= 48


def test_headings_go_down_one_level_at_a_time(client):
    """Screen reader users move by headings: a jump from h1 to h3 hides a level they look for."""
    for label, (_page, html) in fetched(client, public_pages()).items():
        levels = Document(html).headings
        assert levels[0] == 1, label
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, f"{label}: h{jumps[0][0]} is followed by h{jumps[0][1]}"


def image_size(client, url):
    """The size of the picture at ``url`` as a client downloading it gets it: media files are
    served by the web server from storage, static files by the application."""
    path = url.removeprefix("http://testserver")
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
            return Image.open(io.BytesIO(file.read())).size
    response = client.get(path)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(io.BytesIO(content)).size


def test_every_page_has_a_link_preview_with_a_picture_of_1200_by_630(client):
    pictures = set()
    for label, (page, html) in fetched(client, public_pages()).items():
        if page is None:  # the search: not a page to share
            continue
        document = Document(html)
        language = label.rsplit("-", 1)[1]
        assert document.one("og:type") in ("website", "article"), label
        assert document.one("og:title"), label
        assert document.one("og:description"), label
        assert document.one("og:url") == document.link("canonical")[0], label
        assert document.one("og:site_name"), label
        assert document.one("og:locale") == OPEN_GRAPH_LOCALES[language], label
        translations = {
            hreflang
            for link in document.links
            if (hreflang := link.get("hreflang")) and hreflang not in ("x-default", language)
        }
        assert set(document.meta.get("og:locale:alternate", [])) == {
            OPEN_GRAPH_LOCALES[code] for code in translations
        }, label
        assert document.one("twitter:card") == "summary_large_image", label
        image = document.one("og:image")
        assert document.one("twitter:image") == image, label
        assert document.one("og:image:alt") and document.one("twitter:image:alt"), label
        size = (int(document.one("og:image:width")), int(document.one("og:image:height")))
        assert size == (1200, 630), label
        if image not in pictures:
            assert image_size(client, image) == size, f"{label}: {image}"
            pictures.add(image)
        if label.startswith(("EventPage", "ActivityPage", "SectionPage", "GalleryPage")):
            # Pages with a picture of their own show it, cut to the link previews' shape.
            assert "fill-1200x630" in image, label


def has(data, *fields):
    missing = [field for field in fields if data.get(field) in (None, "", [])]
    assert not missing, f"{data.get('@type')} lacks {missing}: {data}"


def check_postal_address(address):
    assert address["@type"] == "PostalAddress"
    has(address, "streetAddress", "postalCode", "addressLocality", "addressCountry")


def check_event(event):
    has(event, "name", "startDate", "location", "image", "description", "endDate")
    has(event, "eventStatus", "eventAttendanceMode", "organizer", "offers")
    assert all(url.startswith("http://testserver/") for url in event["image"])
    location = event["location"]
    if location["@type"] == "Place":
        has(location, "name", "address")
        check_postal_address(location["address"])
    else:
        assert location["@type"] == "VirtualLocation" and location["url"].startswith("https://")
    has(event["organizer"], "name", "url")
    offer = event["offers"]
    has(offer, "price", "priceCurrency", "availability", "validFrom", "url")
    float(offer["price"])
    for schedule in event.get("eventSchedule", []):
        check_schedule(schedule)


def check_schedule(schedule):
    """A weekly event's repeat (issue 23), as schema.org's Schedule describes one."""
    assert schedule["@type"] == "Schedule" and schedule["repeatFrequency"] == "P1W"
    has(schedule, "byDay", "startDate", "endDate", "startTime", "scheduleTimezone")
    assert all(day.startswith("https://schema.org/") for day in schedule["byDay"])
    for day in [schedule["startDate"], schedule["endDate"], *schedule.get("exceptDate", [])]:
        datetime.date.fromisoformat(day)


def check_article(article):
    has(article, "headline", "image", "datePublished", "dateModified", "author", "publisher")
    for author in article["author"]:
        has(author, "@type", "name")
    has(article["publisher"], "name", "url", "logo")


def check_organization(organization):
    has(organization, "name", "url", "logo", "address", "sameAs", "contactPoint")
    check_postal_address(organization["address"])


def check_breadcrumbs(breadcrumbs, url):
    items = breadcrumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    for item in items:
        assert item["@type"] == "ListItem"
        has(item, "name", "item")
    assert items[-1]["item"] == f"http://testserver{url}"


def check_gallery(gallery):
    has(gallery, "name", "url", "image")
    for image in gallery["image"]:
        assert image["@type"] == "ImageObject"
        has(image, "contentUrl", "description")


CHECKS = {
    "Event": check_event,
    "Article": check_article,
    "NewsArticle": check_article,
    "Organization": check_organization,
    "ImageGallery": check_gallery,
}
# The schema.org type every page of a kind describes itself with.
MAIN_TYPES = {
    "HomePage": "Organization",
    "EventPage": "Event",
    "PublicationPage": ("Article", "NewsArticle"),
    "GalleryPage": "ImageGallery",
}


def test_structured_data_has_googles_required_and_recommended_fields(client):
    for label, (page, html) in fetched(client, public_pages()).items():
        data = Document(html).data()
        types = [item["@type"] for item in data]
        for item in data:
            assert item["@context"] == "https://schema.org", label
            CHECKS.get(item["@type"], lambda item: None)(item)
        kind = label.rsplit("-", 1)[0]
        if kind in MAIN_TYPES:
            expected = MAIN_TYPES[kind]
            assert set(types) & set((expected,) if isinstance(expected, str) else expected), label
        if page is not None and page.depth > 2:
            url = re.search(r'<link rel="canonical" href="http://testserver([^"]*)">', html)
            breadcrumbs = [item for item in data if item["@type"] == "BreadcrumbList"]
            assert len(breadcrumbs) == 1, label
            check_breadcrumbs(breadcrumbs[0], url.group(1))


def event_data(client, event):
    return [
        item
        for item in Document(client.get(event.url).content.decode()).data()
        if item["@type"] == "Event"
    ]


def test_an_all_day_event_is_given_as_dates_in_helsinki(client):
    """The festival from 00:00 to 23:59 on its days is on those days wherever the reader is."""
    event = EventPage.objects.live().filter(occurrences__all_day=True).distinct().first()
    occurrence = event.sorted_occurrences[0]
    first = event_data(client, event)[0]
    assert first["startDate"] == timezone.localtime(occurrence.start).date().isoformat()
    assert first["endDate"] == timezone.localtime(occurrence.end).date().isoformat()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_weekly_club_gives_its_schedule_and_its_next_dates(client, language):
    """The demo's weekly club (issue 23): an Event per date to come, each with the repeat as a
    schema.org Schedule in Helsinki time."""
    club = EventPage.objects.live().get(
        locale__language_code=language,
        translation_key=EventPage.objects.get(
            locale__language_code="en", slug="finnish-conversation-club"
        ).translation_key,
    )
    events = event_data(client, club)
    assert len(events) == 20
    for event in events:
        check_event(event)
        (schedule,) = event["eventSchedule"]
        assert schedule["byDay"] == ["https://schema.org/Monday"]
        assert schedule["startTime"] == "18:00:00" and schedule["endTime"] == "19:30:00"
        assert schedule["scheduleTimezone"] == "Europe/Helsinki"
        assert len(schedule["exceptDate"]) == 1
    assert events[0]["startDate"] > timezone.localtime().isoformat()[:10]


def test_free_and_paid_events_both_have_offers(client):
    scheduled = EventPage.objects.live().filter(status=EventPage.STATUS_SCHEDULED)
    for event in (
        scheduled.filter(price__isnull=True).first(),
        scheduled.filter(price__gt=0).first(),
    ):
        offer = event_data(client, event)[0]["offers"]
        assert float(offer["price"]) == float(event.price or 0)
        assert offer["priceCurrency"] == "EUR"
        assert offer["availability"] == "https://schema.org/InStock"
        assert offer["validFrom"] == timezone.localtime(event.first_published_at).isoformat()


def test_authors_on_the_people_page_are_linked_to_their_entry(client):
    for page in PublicationPage.objects.live().filter(authors__isnull=False).distinct():
        html = client.get(page.url).content.decode()
        article = next(item for item in Document(html).data() if "author" in item)
        for author in article["author"]:
            assert author["url"].startswith("http://testserver/"), author
            path, fragment = author["url"].removeprefix("http://testserver").split("#")
            people_page = client.get(path).content.decode()
            assert f'id="{fragment}"' in people_page
            assert author["name"] in people_page


def test_a_private_page_tells_link_previews_and_search_engines_nothing(client):
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )
    finnish = event.get_translations().get(locale__language_code="fi")
    for page in (event, finnish):
        response = client.get(page.url)
        assert response.status_code == 200  # the password form
        document = Document(response.content.decode())
        assert not [key for key in document.meta if key.startswith(("og:", "twitter:"))]
        assert not document.json_ld
        assert page.title not in response.content.decode()
