"""A visitor signs up in their language, gets the confirmation by e-mail (through a real SMTP
server, tests/smtp.py) with the date as a calendar file, and can cancel from the mail's link;
the first on the waiting list then gets the place, and a mail in their own language."""

import datetime
import re
from io import StringIO

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from core.mail import send_templated_mail
from core.tests.factories import translate
from events.tests.factories import EventPageFactory, occurrences, wednesdays
from registrations import services
from registrations.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

NEXT_WEEK = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event(home_page):
    """An English event with one place and a waiting list, translated into Finnish and Russian."""
    page = EventPageFactory(
        title="Archipelago day trip",
        registration_open=True,
        places=1,
        waiting_list=True,
        registration_questions=["participants", "needs"],
        occurrences=occurrences(NEXT_WEEK),
    )
    translate(page, "fi", {"Archipelago day trip": "Saaristoretki"})
    translate(page, "ru", {"Archipelago day trip": "Поездка по архипелагу"})
    return page


def signed_up(page, status="confirmed", language="ru", **details):
    """A sign-up made directly, for the first date of ``page``."""
    return Registration.objects.create(
        event=page,
        occurrence=page.occurrences.order_by("start").first(),
        status=status,
        language=language,
        consent_text="I agree.",
        **{"name": "Ivan", "email": "ivan@example.org", **details},
    )


def in_language(page, language):
    return page.get_translation(page.locale.__class__.objects.get(language_code=language)).specific


def answers(**extra):
    return {
        "name": "Ольга Петрова",
        "email": "olga@example.org",
        "participants": "1",
        "needs": "",
        "privacy-consent": "on",
        **extra,
    }


def post_sign_up(client, page, language, data, capture):
    with capture(execute=True):
        return client.post(f"/{language}/registrations/{page.pk}/", data)


def cancel_link(message):
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/registrations/cancel/\S+/", body).group(0)


def test_the_last_place_then_the_waiting_list_then_promotion_by_cancelling(
    event, smtp_server, django_capture_on_commit_callbacks
):
    client = Client()
    russian, finnish = in_language(event, "ru"), in_language(event, "fi")
    page = client.get(russian.url)
    assert "Осталось 1 место" in page.content.decode()

    response = post_sign_up(client, russian, "ru", answers(), django_capture_on_commit_callbacks)
    assert response.status_code == 200
    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == "olga@example.org"
    assert "Поездка по архипелагу" in confirmation["Subject"]
    body = confirmation.get_body(("plain",)).get_content()
    assert "Здравствуйте" in body
    [attachment] = list(confirmation.iter_attachments())
    calendar = Calendar.from_ical(attachment.get_content())
    [entry] = calendar.walk("VEVENT")
    assert entry["SUMMARY"] == "Поездка по архипелагу"
    assert entry.decoded("DTSTART") == NEXT_WEEK

    # A Finnish visitor competes for the same place: the waiting list.
    response = post_sign_up(
        client,
        finnish,
        "fi",
        answers(name="Aino Virtanen", email="aino@example.org"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert "jonotuslistalla" in response.content.decode()
    smtp_server.wait_for(2)
    [waiting_mail] = smtp_server.to("aino@example.org")
    assert "Jonotuslista" in waiting_mail["Subject"]
    assert list(Registration.objects.values_list("status", "language").order_by("pk")) == [
        ("confirmed", "ru"),
        ("waiting", "fi"),
    ]

    # Olga cancels from her mail: asked first (mail scanners open links), then done.
    link = cancel_link(confirmation)
    assert "/ru/registrations/cancel/" in link
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
    assert Registration.objects.get(email="olga@example.org").status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{path}")
    assert response.status_code == 200
    assert Registration.objects.get(email="olga@example.org").status == "cancelled"
    assert Registration.objects.get(email="aino@example.org").status == "confirmed"
    smtp_server.wait_for(3)
    promoted = smtp_server.to("aino@example.org")[-1]
    assert "Saaristoretki" in promoted["Subject"]
    assert "paikka" in promoted["Subject"].lower()
    [ics] = list(promoted.iter_attachments())
    assert Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]["SUMMARY"] == "Saaristoretki"

    # The link works once: a second post changes nothing.
    assert "already" in client.post(f"/en/{path.split('/', 1)[1]}").content.decode()


def test_a_full_event_without_waiting_list_refuses_with_a_message(
    event, smtp_server, django_capture_on_commit_callbacks
):
    event.waiting_list = False
    event.save_revision().publish()
    client = Client()
    post_sign_up(client, event, "en", answers(), django_capture_on_commit_callbacks)
    page = client.get(event.url).content.decode()
    assert "Full" in page
    response = post_sign_up(
        client, event, "en", answers(email="late@example.org"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 409
    assert Registration.objects.count() == 1


def test_bad_input_is_a_400_that_keeps_what_was_typed(event, django_capture_on_commit_callbacks):
    client = Client()
    response = post_sign_up(
        client,
        event,
        "en",
        answers(email="not-an-address", needs="Wheelchair"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ольга Петрова" in page
    assert "not-an-address" in page
    assert "Wheelchair" in page
    assert "Please check the answers marked below." in page
    assert not Registration.objects.exists()


def test_the_consent_is_required_and_stored_as_the_visitor_read_it(
    event, django_capture_on_commit_callbacks
):
    client = Client()
    response = post_sign_up(
        client, event, "fi", answers(**{"privacy-consent": ""}), django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    post_sign_up(
        client, in_language(event, "fi"), "fi", answers(), django_capture_on_commit_callbacks
    )
    registration = Registration.objects.get()
    assert "Baltic Region" in registration.consent_text
    assert registration.consent_text.startswith("Hyväksyn")
    # The sign-up belongs to the English event, whichever language it came in.
    assert registration.event_id == event.pk


def test_a_bot_filling_the_honeypot_is_thanked_but_not_signed_up(
    event, django_capture_on_commit_callbacks
):
    response = post_sign_up(
        Client(),
        event,
        "en",
        answers(**{"web-site": "http://spam"}),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_accepted_sign_ups_from_one_address_are_limited(
    event, settings, django_capture_on_commit_callbacks
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 2
    client = Client()
    statuses = [
        post_sign_up(
            client, event, "en", answers(email="not-an-address"), django_capture_on_commit_callbacks
        ).status_code
        for _ in range(3)
    ]
    # A mistake corrected is not a post too many.
    assert statuses == [400, 400, 400]
    for name in ("Olga", "Pavel"):
        response = post_sign_up(
            client, event, "en", answers(name=name), django_capture_on_commit_callbacks
        )
        assert response.status_code == 200
    # The Finnish page of the event shares its limit, and what was typed is kept.
    response = post_sign_up(
        client,
        in_language(event, "fi"),
        "fi",
        answers(name="Liisa Laine", needs="Pyörätuoli"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Liisa Laine" in html and "Pyörätuoli" in html
    assert Registration.objects.count() == 2


def test_an_altered_or_expired_cancel_link_is_a_clear_4xx(event, monkeypatch):
    registration = signed_up(event)
    token = services.cancel_token(registration)
    client = Client()
    tampered = client.get(f"/en/registrations/cancel/{token[:-2]}xx/")
    assert tampered.status_code == 400
    assert "This link does not work" in tampered.content.decode()
    # Signed by the site, but not with this sign-up's secret (a link made for another one).
    forged = signing.dumps([registration.pk, "another secret"], salt=services.CANCEL_SALT)
    assert client.post(f"/en/registrations/cancel/{forged}/").status_code == 400
    monkeypatch.setattr(services, "CANCEL_LINK_MAX_AGE", -1)
    assert client.get(f"/en/registrations/cancel/{token}/").status_code == 410
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_a_retried_mail_task_does_not_send_twice(smtp_server):
    kwargs = {
        "template": "registrations/mail/message",
        "to": "a@example.org",
        "language": "en",
        "context": {"subject": "Hello", "message": "Bring boots."},
        "key": "test:once",
    }
    assert send_templated_mail.call(**kwargs) is True
    assert send_templated_mail.call(**kwargs) is False
    assert len(smtp_server.wait_for(1, timeout=1)) == 1


def test_the_reminder_goes_the_day_before_once(
    home_page, smtp_server, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page = EventPageFactory(registration_open=True, occurrences=occurrences(tomorrow))
    registration = signed_up(page)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", stdout=StringIO())
    [reminder] = smtp_server.wait_for(1)
    assert reminder["Subject"].startswith("Завтра")
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1
    registration.refresh_from_db()
    assert registration.reminded_at is not None


def test_sign_ups_are_purged_after_the_retention_period(home_page, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    old = EventPageFactory(occurrences=occurrences(timezone.now() - datetime.timedelta(days=40)))
    recent = EventPageFactory(occurrences=occurrences(timezone.now() - datetime.timedelta(days=10)))
    for page in (old, recent):
        signed_up(page)
    call_command("purge_registrations", stdout=StringIO())
    assert list(Registration.objects.values_list("event_id", flat=True)) == [recent.pk]


def test_each_date_has_its_own_places_or_no_sign_up(home_page, django_capture_on_commit_callbacks):
    first, second, third = (NEXT_WEEK + datetime.timedelta(weeks=week) for week in range(3))
    dates = occurrences(first, second, third)
    dates[1].places = 2
    dates[2].sign_up_closed = True
    page = EventPageFactory(registration_open=True, places=1, occurrences=dates)
    html = Client().get(page.url).content.decode()
    assert html.count("1 place left") == 1
    assert "2 places left" in html
    assert "Registration closed" in html
    # Only the dates still open are offered.
    assert html.count('name="date"') == 2
    second_date = page.occurrences.get(start=second)
    response = post_sign_up(
        Client(),
        page,
        "en",
        {**answers(), "date": str(second_date.pk)},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert Registration.objects.get().occurrence == second_date
    closed = page.occurrences.get(start=third)
    response = post_sign_up(
        Client(),
        page,
        "en",
        {**answers(), "date": str(closed.pk)},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400


def test_a_weekly_club_offers_its_next_dates_and_mails_the_one_chosen(
    home_page, smtp_server, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    club = EventPageFactory(
        title="Chess club",
        registration_open=True,
        places=8,
        **wednesdays(today, today + datetime.timedelta(weeks=100)),
    )
    html = Client().get(club.url).content.decode()
    assert html.count('name="date"') == club.LISTED_DATES
    second = club.upcoming_occurrences[1]
    response = post_sign_up(
        Client(),
        club,
        "en",
        {**answers(), "date": str(second.pk)},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    [mail] = smtp_server.wait_for(1)
    [attachment] = list(mail.iter_attachments())
    calendar = Calendar.from_ical(attachment.get_content())
    # The date signed up for, not the club's whole series.
    [entry] = calendar.walk("VEVENT")
    assert "RRULE" not in entry
    assert entry.decoded("DTSTART") == second.start


def test_answers_too_long_are_refused_with_what_was_typed_kept(
    event, django_capture_on_commit_callbacks
):
    needs = "Tarvitsen pyörätuolin. " * 50  # 1,150 characters, over the 1,000 allowed
    response = post_sign_up(
        Client(),
        event,
        "en",
        answers(email="a" * 250 + "@example.org", needs=needs.strip()),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 254 characters" in html and "at most 1000 characters" in html
    assert needs.strip() in html
    assert not Registration.objects.exists()


def test_a_sign_up_larger_than_the_site_takes_is_a_400_not_a_500(
    event, django_capture_on_commit_callbacks
):
    response = post_sign_up(
        Client(), event, "en", answers(needs="я" * 2_000_000), django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def publish_change(page, **changes):
    """An editor's change to the event, published (as the moderator's approval does)."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_moved_date_is_told_once_with_the_new_time(
    event, smtp_server, django_capture_on_commit_callbacks
):
    olga = signed_up(event, email="olga@example.org", booked_start=NEXT_WEEK)
    date = event.occurrences.get()
    later = NEXT_WEEK + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        date.start, date.end = later, later + datetime.timedelta(hours=3)
        date.save()
        publish_change(event)
    [moved] = smtp_server.wait_for(1)
    assert moved["To"] == "olga@example.org"
    assert "Поездка по архипелагу" in moved["Subject"]
    body = moved.get_body(("plain",)).get_content()
    # As a Russian reader's mail writes them ("12 декабря 2026 г. 0:36": no leading zero).
    with translation.override("ru"):
        assert date_format(timezone.localtime(later), "DATETIME_FORMAT") in body
        assert date_format(timezone.localtime(NEXT_WEEK), "DATETIME_FORMAT") in body
    [ics] = list(moved.iter_attachments())
    assert Calendar.from_ical(ics.get_content()).walk("VEVENT")[0].decoded("DTSTART") == later
    olga.refresh_from_db()
    assert olga.booked_start == later and olga.status == "confirmed"
    # Published again without a new time: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(event, title="Archipelago day trip by boat")
    assert len(smtp_server.wait_for(2, timeout=1)) == 1


def test_a_cancelled_date_ends_its_sign_ups_and_tells_them(
    event, smtp_server, django_capture_on_commit_callbacks
):
    olga = signed_up(event, email="olga@example.org", booked_start=NEXT_WEEK)
    aino = signed_up(
        event, status="waiting", language="fi", email="aino@example.org", booked_start=NEXT_WEEK
    )
    with django_capture_on_commit_callbacks(execute=True):
        event.occurrences.update(cancelled=True)
        publish_change(event)
    smtp_server.wait_for(2)
    assert "Поездка по архипелагу" in smtp_server.to("olga@example.org")[0]["Subject"]
    finnish = smtp_server.to("aino@example.org")[0]
    assert "Saaristoretki" in finnish["Subject"]
    assert list(finnish.iter_attachments()) == []
    olga.refresh_from_db(), aino.refresh_from_db()
    assert olga.status == aino.status == "cancelled"


def test_a_cancelled_event_tells_everyone_signed_up(
    event, smtp_server, django_capture_on_commit_callbacks
):
    olga = signed_up(event, email="olga@example.org", booked_start=NEXT_WEEK)
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(event, status="cancelled")
    [cancelled] = smtp_server.wait_for(1)
    assert "Поездка по архипелагу" in cancelled["Subject"]
    olga.refresh_from_db()
    assert olga.status == "cancelled"


def test_places_added_go_to_the_waiting_list_in_order(
    event, smtp_server, django_capture_on_commit_callbacks
):
    signed_up(event, email="olga@example.org", booked_start=NEXT_WEEK)
    first = signed_up(
        event, status="waiting", language="fi", email="aino@example.org", booked_start=NEXT_WEEK
    )
    second = signed_up(
        event, status="waiting", language="en", email="anna@example.org", booked_start=NEXT_WEEK
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(event, places=2)
    [promoted] = smtp_server.wait_for(1)
    assert promoted["To"] == "aino@example.org"
    assert "Saaristoretki" in promoted["Subject"]
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waiting")


def test_a_published_translation_changes_no_sign_up(
    event, smtp_server, django_capture_on_commit_callbacks
):
    signed_up(event, email="olga@example.org", booked_start=NEXT_WEEK)
    waiting = signed_up(event, status="waiting", email="aino@example.org", booked_start=NEXT_WEEK)
    # More places on the original's row, then its Finnish translation published: sign-ups
    # follow what the original publishes, and this publish is not one.
    event.places = 2
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(in_language(event, "fi"))
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    assert smtp_server.wait_for(1, timeout=1) == []
