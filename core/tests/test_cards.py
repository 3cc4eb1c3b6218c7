"""Listing cards are drawn from a value and their markup is remembered per process, yet a card
never shows anything stale: a new title, a renamed area, a date gone by, a cancellation or
another language all make new markup. The footer is rendered once per language and content
version, and shows a changed contact address on the next page."""

import datetime
import re
import zoneinfo
from unittest import mock

import pytest
import time_machine
from django.test.signals import template_rendered
from django.utils import translation
from wagtail.models import Locale

from core.caching import Memo
from core.cards import remembered_cards, render_card
from core.models import Area, ContactSettings, OrganisationDetails
from core.tests.factories import PartnerFactory, translate
from culture.models import SectionPage
from events.cards import event_card
from events.models import EventIndexPage, EventPage, next_events
from home.models import HomePage

pytestmark = pytest.mark.django_db
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def no_remembered_cards():
    """Each test starts with no card remembered, and remembers its own first."""
    remembered_cards.clear()
    yield
    remembered_cards.clear()


@pytest.fixture
def rendered():
    """The names of the templates rendered while the test runs, in order."""
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def locale(language):
    return Locale.objects.get(language_code=language)


def schedule(language="en"):
    return EventIndexPage.objects.live().get(locale__language_code=language)


def home(language="en"):
    return HomePage.objects.live().get(locale__language_code=language)


def culture_page():
    return SectionPage.objects.live().get(locale__language_code="en", area__slug="culture")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cards(html):
    return re.findall(r'<li class="card[^"]*">.*?</li>', html, re.S)


def card_of(html, url):
    """The card linking to ``url``."""
    found = [card for card in cards(html) if f'href="{url}"' in card]
    assert len(found) == 1, f"no single card links to {url}"
    return found[0]


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def next_event():
    """The soonest scheduled English event: on the schedule's first page and on the home page."""
    return next(event for event in next_events(locale("en").pk) if not event.is_cancelled)


def at(*args):
    return datetime.datetime(*args, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("page_of", "card_template"),
    [(schedule, "events/event_card.html"), (culture_page, "components/page_card.html")],
    ids=["event cards on the schedule", "page cards on an area page"],
)
def test_cards_are_rendered_once_and_then_remembered(client, rendered, page_of, card_template):
    url = page_of().url
    first = client.get(url)
    assert card_template in rendered
    rendered.clear()
    second = client.get(url)
    assert rendered and card_template not in rendered
    assert cards(second.content.decode()) == cards(first.content.decode())


@pytest.mark.parametrize("page_of", [schedule, home, culture_page])
def test_remembered_cards_build_no_rendition(client, page_of, rendition_instances):
    """Listings load their pictures' renditions as rows: instances are built only for markup
    not remembered yet."""
    url = page_of().url
    client.get(url)
    rendition_instances.clear()
    assert "<picture>" in html_of(client, url)
    assert rendition_instances == []


def test_a_published_title_shows_on_the_schedule_and_home_page(client):
    event = next_event()
    card_of(html_of(client, schedule().url), event.url)
    card_of(html_of(client, home().url), event.url)
    page = EventPage.objects.get(pk=event.pk)
    page.title = "Card title published a moment ago"
    page.save_revision().publish()
    for url in (schedule().url, home().url):
        card = card_of(html_of(client, url), event.url)
        assert ">Card title published a moment ago</a>" in card
        assert f">{event.title}</a>" not in card


def test_a_new_address_shows_on_the_cards(client):
    """Page addresses are remembered per process by path: a new slug is a new address."""
    event = next_event()
    card_of(html_of(client, schedule().url), event.url)
    page = EventPage.objects.get(pk=event.pk)
    page.slug = "a-new-address"
    page.save_revision().publish()
    new_url = EventPage.objects.get(pk=event.pk).url
    assert new_url.endswith("/a-new-address/") and new_url != event.url
    for url in (schedule().url, home().url):
        html = html_of(client, url)
        assert card_of(html, new_url)
        assert f'href="{event.url}"' not in html


def test_a_renamed_area_shows_on_event_and_page_cards(client):
    area = Area.objects.get(locale__language_code="en", slug="culture")
    section = culture_page()
    events_url = schedule().url + "?area=culture"
    for url in (events_url, section.url):
        assert f">{area.name}</span>" in "".join(cards(html_of(client, url)))
    old_name, area.name = area.name, "Culture renamed"
    area.save()
    for url in (events_url, section.url):
        shown = "".join(cards(html_of(client, url)))
        assert ">Culture renamed</span>" in shown and f">{old_name}</span>" not in shown


def test_a_date_gone_by_moves_the_card_to_the_next_date(client):
    index = schedule()
    event = EventPage(title="Weekly card club", slug="weekly-card-club")
    for order, day in enumerate((1, 8, 15)):
        event.occurrences.add(event.occurrences.model(start=at(2027, 3, day, 18), sort_order=order))
    index.add_child(instance=event)
    with time_machine.travel(at(2027, 2, 20, 12), tick=False):
        card = card_of(html_of(client, index.url), event.url)
    assert 'datetime="2027-03-01T18:00:00+02:00"' in card and "and 2 more dates" in card
    with time_machine.travel(at(2027, 3, 5, 12), tick=False):
        card = card_of(html_of(client, index.url), event.url)
    assert 'datetime="2027-03-08T18:00:00+02:00"' in card and "and 1 more date<" in card


def test_a_cancelled_event_shows_the_cancelled_badge(client):
    event = next_event()
    for url in (schedule().url, home().url):
        assert "Cancelled" not in card_of(html_of(client, url), event.url)
    page = EventPage.objects.get(pk=event.pk)
    page.status = EventPage.STATUS_CANCELLED
    page.save_revision().publish()
    for url in (schedule().url, home().url):
        card = card_of(html_of(client, url), event.url)
        assert 'class="card card--cancelled"' in card and ">Cancelled</strong>" in card


def test_the_finnish_schedule_shows_finnish_cards(client):
    html_of(client, schedule("en").url)
    finnish = "".join(cards(html_of(client, schedule("fi").url)))
    assert ">Peruttu</strong>" in finnish and re.search(r"ja \d+ muu(ta)? päivä", finnish)
    assert "Cancelled" not in finnish and "more date" not in finnish


def test_the_same_card_is_drawn_in_each_language():
    """The active language is part of what a card's markup is remembered under."""
    event = EventPage.objects.get(pk=next_event().pk)
    event.status = EventPage.STATUS_CANCELLED
    card = event_card(event, None)
    assert ">Cancelled</strong>" in render_card("events/event_card.html", card)
    with translation.override("fi"):
        assert ">Peruttu</strong>" in render_card("events/event_card.html", card)
    with translation.override("ru"):
        assert ">Отменено</strong>" in render_card("events/event_card.html", card)


@pytest.mark.no_demo
def test_a_new_contact_address_shows_in_the_footer_of_the_next_page(client, home_page):
    contact = ContactSettings.load()
    contact.email = "info@association.example"
    contact.save()
    url = home().url
    assert "info@association.example" in footer(html_of(client, url))
    contact.email = "hello@association.example"
    contact.save()
    for language in ("en", "fi", "ru"):
        shown = footer(html_of(client, home(language).url))
        assert 'href="mailto:hello@association.example"' in shown
        assert "info@association.example" not in shown


@pytest.mark.no_demo
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Harbour association", "E-mail", "Partners"]),
        ("fi", ["Satamayhdistys", "Sähköposti", "Kumppanit"]),
        ("ru", ["Портовая ассоциация", "Электронная почта", "Партнёры"]),
    ],
)
def test_the_footer_is_in_each_languages_own_words(client, home_page, language, words):
    organisation = OrganisationDetails.objects.get()
    organisation.name = "Harbour association"
    organisation.save()
    translate(organisation, "fi", {"Harbour association": "Satamayhdistys"})
    translate(organisation, "ru", {"Harbour association": "Портовая ассоциация"})
    partner = PartnerFactory()
    translate(partner, "fi")
    translate(partner, "ru")
    contact = ContactSettings.load()
    contact.email = "info@association.example"
    contact.save()
    html_of(client, home("en").url)  # the English footer is kept first
    shown = footer(html_of(client, home(language).url))
    assert all(word in shown for word in words)
    if language != "en":
        assert "Partners" not in shown and "E-mail" not in shown


def test_the_footer_is_rendered_once_per_language_and_content_version(client, rendered):
    html_of(client, home().url)
    assert "components/footer.html" in rendered
    rendered.clear()
    html_of(client, home().url)
    assert rendered and "components/footer.html" not in rendered
    html_of(client, home("fi").url)
    assert "components/footer.html" in rendered


def test_the_memo_makes_markup_only_when_it_is_not_remembered():
    memo = Memo(2)
    make = mock.Mock(side_effect=lambda: "<li>made</li>")
    assert memo.get_or_make("a", make) == "<li>made</li>"
    assert memo.get_or_make("a", make) == "<li>made</li>"
    assert make.call_count == 1
    memo.get_or_make("b", make)
    assert make.call_count == 2


def test_the_memo_empties_itself_when_full():
    memo = Memo(2)
    memo.get_or_make("a", lambda: "A")
    memo.get_or_make("b", lambda: "B")
    assert memo.get_or_make("a", lambda: "new A") == "A"
    memo.get_or_make("c", lambda: "C")
    assert memo.get_or_make("a", lambda: "new A") == "new A"
    assert memo.get_or_make("b", lambda: "new B") == "new B"
