"""A visitor subscribes in their language (double opt-in: the confirmation mail arrives through a
real SMTP server, tests/smtp.py), changes their preferences and leaves, from the page or with
a mail program's one-click (RFC 8058); the form tells nobody who is on the list."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone, translation

from core.form_guards import CONSENT_FIELD, HONEYPOT_FIELD
from core.tests.factories import AreaFactory, translate
from subscribers import links, services
from subscribers.models import Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def areas(home_page):
    """Two areas, in English, Finnish and Russian."""
    culture = AreaFactory(name="Culture", slug="culture")
    sport = AreaFactory(name="Sport", slug="sport")
    translate(culture, "fi", {"Culture": "Kulttuuri"})
    translate(culture, "ru", {"Culture": "Культура"})
    translate(sport, "fi", {"Sport": "Liikunta"})
    translate(sport, "ru", {"Sport": "Спорт"})
    return {"culture": culture, "sport": sport}


def answers(**extra):
    return {"email": "Olga@Example.org", CONSENT_FIELD: "on", **extra}


def subscribe(client, language, data, capture):
    with capture(execute=True):
        return client.post(f"/{language}/newsletter/", data)


def link_in(message, purpose):
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"https?://\S+/newsletter/{purpose}/\S+/", body).group(0)


def path_of(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize(
    ("language", "area_name"), [("en", "Culture"), ("fi", "Kulttuuri"), ("ru", "Культура")]
)
def test_double_opt_in_in_each_language(
    language, area_name, areas, smtp_server, django_capture_on_commit_callbacks
):
    client = Client()
    page = client.get(f"/{language}/newsletter/")
    assert page.status_code == 200
    assert area_name in page.content.decode()

    response = subscribe(
        client, language, answers(areas=["culture"]), django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "olga@example.org"
    assert subscriber.status == Subscriber.PENDING
    assert subscriber.language == language
    # Stored as the English area whatever the language it was chosen in.
    assert list(subscriber.areas.all()) == [areas["culture"]]
    with translation.override(language):
        from subscribers.forms import consent_text

        assert subscriber.consent_text == consent_text()

    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "olga@example.org"
    link = link_in(mail, "confirm")
    assert f"/{language}/newsletter/confirm/" in link

    # Opening the link (as a mail scanner does) confirms nothing; the button does.
    assert client.get(path_of(link)).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.PENDING
    response = client.post(path_of(link))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.SUBSCRIBED
    assert subscriber.confirmed_at is not None
    assert Subscriber.objects.receiving().get() == subscriber


def test_no_areas_chosen_means_everything(areas, smtp_server, django_capture_on_commit_callbacks):
    subscribe(Client(), "en", answers(), django_capture_on_commit_callbacks)
    assert not Subscriber.objects.get().areas.exists()


def test_the_answer_is_the_same_for_new_waiting_and_subscribed_addresses(
    areas, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 100
    client = Client()
    first = subscribe(client, "en", answers(), django_capture_on_commit_callbacks)
    # Each ask after the quiet time in which the address is not mailed again.
    step = services.MAIL_AGAIN_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(timezone.now() + step):
        again_waiting = subscribe(client, "en", answers(), django_capture_on_commit_callbacks)
    Subscriber.objects.update(status=Subscriber.SUBSCRIBED)
    with time_machine.travel(timezone.now() + 2 * step):
        again_subscribed = subscribe(client, "en", answers(), django_capture_on_commit_callbacks)

    def visible(response):
        return (response.status_code, re.sub(r'nonce="[^"]*"', "", response.content.decode()))

    assert visible(first) == visible(again_waiting) == visible(again_subscribed)
    assert Subscriber.objects.count() == 1
    mails = smtp_server.wait_for(3)
    # The waiting address gets the confirmation again; the subscribed one a preferences link.
    assert "/newsletter/confirm/" in mails[1].get_body(("plain",)).get_content()
    assert "/newsletter/preferences/" in mails[2].get_body(("plain",)).get_content()
    assert "/newsletter/confirm/" not in mails[2].get_body(("plain",)).get_content()


def test_the_form_cannot_flood_someones_inbox(
    areas, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 100
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"):
        response = subscribe(
            Client(REMOTE_ADDR=address), "en", answers(), django_capture_on_commit_callbacks
        )
        assert response.status_code == 200
    assert len(smtp_server.wait_for(2, timeout=1)) == 1
    # Asked again later (the first mail lost, say): mailed again.
    later = timezone.now() + services.MAIL_AGAIN_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        subscribe(Client(), "en", answers(), django_capture_on_commit_callbacks)
    assert len(smtp_server.wait_for(2)) == 2


def test_bad_input_is_a_400_that_keeps_what_was_typed(areas, django_capture_on_commit_callbacks):
    response = subscribe(
        Client(),
        "fi",
        answers(email="not-an-address", areas=["sport"]),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert re.search(r'value="sport"[^>]*checked', html)
    assert 'role="alert"' in html
    no_consent = subscribe(
        Client(), "en", answers(**{CONSENT_FIELD: ""}), django_capture_on_commit_callbacks
    )
    assert no_consent.status_code == 400
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("language", ["en", "fi", "ru"])
def test_every_languages_footer_links_to_its_newsletter_page(areas, language):
    client = Client()
    home = client.get(f"/{language}/").content.decode()
    footer = home.split('class="site-footer"', 1)[1]
    assert f'href="/{language}/newsletter/"' in footer
    page = client.get(f"/{language}/newsletter/")
    assert page.status_code == 200
    assert f'lang="{language}"' in page.content.decode()
    # What is kept, no tracking, and how to leave: in the page's privacy paragraph.
    assert 'id="newsletter-privacy-heading"' in page.content.decode()


def test_the_footer_form_leads_to_the_page_filled_in(areas):
    client = Client()
    home = client.get("/fi/").content.decode()
    assert 'id="footer-newsletter-heading"' in home
    assert 'action="/fi/newsletter/"' in home
    # The footer is the same for every visitor (kept by core.chrome): no CSRF token in it.
    footer = home.split('class="site-footer"', 1)[1]
    assert "csrfmiddlewaretoken" not in footer
    page = client.get("/fi/newsletter/", {"email": "aino@example.org", "areas": "sport"})
    html = page.content.decode()
    assert 'value="aino@example.org"' in html
    assert re.search(r'value="sport"[^>]*checked', html)
    assert not Subscriber.objects.exists()


def test_the_honeypot_answers_like_a_person_and_keeps_nothing(
    areas, smtp_server, django_capture_on_commit_callbacks
):
    response = subscribe(
        Client(),
        "en",
        answers(**{HONEYPOT_FIELD: "http://spam"}),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_form_is_limited_per_hour(
    areas, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 2
    client = Client()
    for number in range(2):
        response = subscribe(
            client,
            "en",
            answers(email=f"p{number}@example.org"),
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 200
    response = subscribe(
        client, "en", answers(email="third@example.org"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 429
    assert "Retry-After" in response
    assert 'value="third@example.org"' in response.content.decode()
    assert Subscriber.objects.count() == 2


@pytest.fixture
def subscribed(areas):
    subscriber = Subscriber.objects.create(
        email="aino@example.org", language="fi", status=Subscriber.SUBSCRIBED, source="test"
    )
    subscriber.areas.set([areas["sport"]])
    return subscriber


def test_preferences_change_language_and_areas(subscribed):
    client = Client()
    url = path_of(links.link(subscribed, links.PREFERENCES))
    assert url.startswith("/fi/newsletter/preferences/")
    page = client.get(url)
    assert page.status_code == 200
    assert "Liikunta" in page.content.decode()
    response = client.post(url, {"language": "ru", "areas": ["culture", "sport"]})
    assert response.status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.language == "ru"
    assert sorted(subscribed.areas.values_list("slug", flat=True)) == ["culture", "sport"]
    bad = client.post(url, {"language": "xx", "areas": ["culture"]})
    assert bad.status_code == 400
    subscribed.refresh_from_db()
    assert subscribed.language == "ru"


def test_unsubscribe_asks_on_get_and_leaves_on_post(subscribed):
    client = Client(enforce_csrf_checks=True)
    url = path_of(links.link(subscribed, links.UNSUBSCRIBE))
    page = client.get(url)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.SUBSCRIBED
    token = page.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == Subscriber.UNSUBSCRIBED
    assert subscribed.left_at is not None
    assert not Subscriber.objects.receiving().exists()
    # The preferences link now says so and offers to subscribe again.
    preferences = client.get(path_of(links.link(subscribed, links.PREFERENCES)))
    assert preferences.status_code == 200
    assert 'href="/fi/newsletter/"' in preferences.content.decode()


def test_one_click_unsubscribe_without_csrf_token(subscribed):
    """As a mail program sends it (RFC 8058): no cookie, no CSRF token, a form-encoded body."""
    client = Client(enforce_csrf_checks=True)

    def one_click():
        return client.post(
            path_of(links.one_click_unsubscribe_url(subscribed)),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )

    assert one_click().status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == Subscriber.UNSUBSCRIBED
    # Again: nothing more happens, still 200.
    left_at = subscribed.left_at
    assert one_click().status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.left_at == left_at


def test_the_other_link_pages_need_the_csrf_token(subscribed):
    """Only the unsubscribe page is exempt: confirming and preferences are not."""
    client = Client(enforce_csrf_checks=True)
    preferences = path_of(links.link(subscribed, links.PREFERENCES))
    assert client.post(preferences, {"language": "en"}).status_code == 403
    subscribed.status = Subscriber.PENDING
    subscribed.save()
    assert client.post(path_of(links.link(subscribed, links.CONFIRM))).status_code == 403
    subscribed.refresh_from_db()
    assert subscribed.status == Subscriber.PENDING


def test_leaving_then_subscribing_again_goes_through_double_opt_in(
    subscribed, smtp_server, django_capture_on_commit_callbacks
):
    client = Client()
    old_confirm = links.link(subscribed, links.CONFIRM)
    client.post(path_of(links.link(subscribed, links.UNSUBSCRIBE)))
    # A confirmation link from before leaving does not bring them back.
    client.post(path_of(old_confirm))
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED

    subscribe(client, "ru", answers(email="aino@example.org"), django_capture_on_commit_callbacks)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.PENDING
    assert subscriber.language == "ru"
    [mail] = smtp_server.wait_for(1)
    link = link_in(mail, "confirm")
    assert "/ru/newsletter/confirm/" in link
    client.post(path_of(link))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.SUBSCRIBED
    assert subscriber.left_at is None


@pytest.mark.parametrize("purpose", ["confirm", "preferences", "unsubscribe"])
def test_altered_expired_and_other_purpose_links_are_4xx(subscribed, purpose, settings):
    client = Client()
    token = links.token(subscribed, purpose)
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    other = links.token(subscribed, "preferences" if purpose != "preferences" else "confirm")
    for bad in (altered, other, "nonsense", "x" * 500):
        for method in (client.get, client.post):
            response = method(f"/en/newsletter/{purpose}/{bad}/")
            assert response.status_code == 400, (bad, method)
            assert 'href="/en/newsletter/"' in response.content.decode()
    # A new secret voids the old links; an erased subscriber's links find nobody.
    subscribed.secret = "changed"
    subscribed.save()
    assert client.get(f"/en/newsletter/{purpose}/{token}/").status_code == 404
    assert Subscriber.objects.get().status == Subscriber.SUBSCRIBED


def test_an_old_confirmation_link_has_expired(subscribed, monkeypatch):
    token = links.token(subscribed, links.CONFIRM)
    monkeypatch.setattr(links, "CONFIRM_MAX_AGE", -1)
    response = Client().post(f"/en/newsletter/confirm/{token}/")
    assert response.status_code == 410
    assert 'href="/en/newsletter/"' in response.content.decode()
    with pytest.raises(signing.SignatureExpired):
        links.subscriber_of_token(token, links.CONFIRM)


def test_one_click_as_multipart_form_data(subscribed):
    """RFC 8058 allows either form encoding; mail providers send both."""
    response = Client(enforce_csrf_checks=True).post(
        path_of(links.one_click_unsubscribe_url(subscribed)),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == Subscriber.UNSUBSCRIBED
