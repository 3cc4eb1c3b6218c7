"""On a phone, a visitor signs up in Russian for the last place of an event; a second visitor
lands on the waiting list; the first cancels from the link in the e-mail (received by a real
SMTP server, tests/smtp.py, the live server sending through it); the second gets the place and
an e-mail saying so."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.tests.factories import translate
from events.models import EventIndexPage, EventPage
from events.tests.factories import EventPageFactory, occurrences

from .helpers import axe_violations, describe_violations, log_in, screenshot


@pytest.fixture
def event_with_one_place():
    """Makes an event with one place and a waiting list, in English and Russian; deleted after
    the test, since the browser tests share one database and the others count the schedule's
    cards."""
    made = []

    def make(title="Sauna evening for the browser test"):
        page = EventPageFactory(
            parent=EventIndexPage.objects.get(locale__language_code="en"),
            title=title,
            registration_open=True,
            places=1,
            waiting_list=True,
            registration_questions=["participants", "needs"],
            occurrences=occurrences(timezone.now() + datetime.timedelta(days=10)),
        )
        made.append(page)
        return translate(page, "ru", {title: "Вечер сауны для теста"})

    yield make
    for page in made:
        for translation in page.get_translations():
            translation.delete()
        page.delete()


def sign_up(page, name, email):
    page.locator("#sign-up-name").fill(name)
    page.locator("#sign-up-email").fill(email)
    page.locator("#sign-up-privacy-consent").check()
    page.get_by_role("button", name="Записаться").click()


def test_last_place_waiting_list_cancel_from_the_mail_and_promotion(
    open_page, smtp_server, settings, event_with_one_place
):
    settings.FORM_SUBMISSIONS_PER_HOUR = 100
    russian = event_with_one_place()

    first = open_page("phone")
    first.goto(russian.url)
    section = first.get_by_role("region", name="Записаться")
    expect(section).to_contain_text("Осталось 1 место")
    violations = axe_violations(first)
    assert not violations, describe_violations(violations, first.url)
    sign_up(first, "Ольга Петрова", "olga@example.org")
    expect(first.get_by_role("status")).to_contain_text("место за вами")
    screenshot(first, "registration-confirmed-ru", full_page=False)

    second = open_page("phone")
    second.goto(russian.url)
    expect(second.get_by_role("region", name="Записаться")).to_contain_text("Лист ожидания")
    sign_up(second, "Иван Смирнов", "ivan@example.org")
    expect(second.get_by_role("status")).to_contain_text("листе ожидания")

    smtp_server.wait_for(2)
    [confirmation] = smtp_server.to("olga@example.org")
    body = confirmation.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/registrations/cancel/\S+/", body).group(0)
    first.goto(link)
    first.get_by_role("button", name="Отменить мою запись").click()
    expect(first.get_by_role("status")).to_contain_text("Ваша запись отменена")

    smtp_server.wait_for(3)
    promoted = smtp_server.to("ivan@example.org")[-1]
    assert promoted["Subject"].strip() == "Для вас освободилось место: Вечер сауны для теста"
    assert [part.get_content_type() for part in promoted.iter_attachments()] == ["text/calendar"]


def test_attendance_on_a_phone_has_big_labelled_targets_and_no_wcag_violations(
    open_page, event_with_one_place
):
    from registrations.models import Registration

    event = event_with_one_place("Rowing practice for the attendance test")
    english = EventPage.objects.get(
        translation_key=event.translation_key, locale__language_code="en"
    )
    registration = Registration.objects.create(
        event=english,
        occurrence=english.occurrences.get(),
        name="Pekka Virtanen",
        email="pekka@example.org",
        language="fi",
        status="confirmed",
        consent_text="I agree.",
    )
    page = open_page("phone")
    log_in(page, "moderator")
    page.goto(reverse("registrations_admin:attendance", args=[english.pk]))
    box = page.get_by_label("Pekka Virtanen")
    expect(box).to_be_visible()
    for target in (box, page.locator("label", has_text="Pekka Virtanen")):
        size = target.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, size
    violations = axe_violations(page, include=["main"])
    assert not violations, describe_violations(violations, page.url)
    screenshot(page, "registration-attendance-phone", full_page=False)
    box.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_label("Pekka Virtanen")).to_be_checked()
    registration.refresh_from_db()
    assert registration.attended

    page.goto(reverse("registrations_admin:event", args=[english.pk]))
    violations = axe_violations(page, include=["main"])
    assert not violations, describe_violations(violations, page.url)
