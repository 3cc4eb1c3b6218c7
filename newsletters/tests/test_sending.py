"""Sending an issue through the admin's real view and Django's SMTP backend to a real SMTP
server: each subscriber in their language and areas, only published text, never twice."""

import datetime
from urllib.parse import urlparse

import pytest
import time_machine
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from core.tests.factories import AreaFactory, locale, translate
from newsletters import sending
from newsletters.models import Delivery
from newsletters.tests.factories import (
    NewsletterIssuePageFactory,
    SubscriberFactory,
    paragraph,
    section,
)
from subscribers import links
from subscribers.models import Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

FINNISH = {
    "Hello members": "Hei jäsenet",
    "Culture news": "Kulttuuriuutisia",
    "A concert in Turku.": "Konsertti Turussa.",
    "Sports news": "Urheilu-uutisia",
    "A ski race.": "Hiihtokilpailu.",
    "Spring issue": "Kevään numero",
}


@pytest.fixture
def areas(home_page):
    return {"culture": AreaFactory(name="Culture"), "sports": AreaFactory(name="Sports")}


@pytest.fixture
def issue(areas):
    return NewsletterIssuePageFactory(
        title="Spring issue",
        body=[
            paragraph("Hello members"),
            section("Culture news", "A concert in Turku.", area=areas["culture"]),
            section("Sports news", "A ski race.", area=areas["sports"]),
        ],
    )


@pytest.fixture
def moderator(client, member_of):
    client.force_login(member_of("Moderators"))
    return client


def send(client, issue, capture, **data):
    with capture(execute=True):
        return client.post(
            reverse("newsletters_admin:send", args=[issue.pk]), {"confirm": "on", **data}
        )


def html_of(message):
    return message.get_body(("html",)).get_content()


def text_of(message):
    return message.get_body(("plain",)).get_content()


def test_each_subscriber_gets_their_language_and_areas(
    moderator, issue, areas, mail_server, django_capture_on_commit_callbacks
):
    translate(issue, "fi", FINNISH)
    everything = SubscriberFactory(language="en")
    culture_fi = SubscriberFactory(language="fi", areas=[areas["culture"]])
    sports = SubscriberFactory(language="en", areas=[areas["sports"]])
    SubscriberFactory(language="en", status=Subscriber.UNSUBSCRIBED)

    response = send(moderator, issue, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    messages = mail_server.wait_for(3)
    assert len(messages) == 3
    [finnish] = mail_server.to(culture_fi.email)
    assert finnish["Subject"] == "Kevään numero"
    assert '<html lang="fi">' in html_of(finnish)
    for part in (html_of(finnish), text_of(finnish)):
        assert "Hei jäsenet" in part and "Konsertti Turussa." in part
        assert "Hiihtokilpailu." not in part and "Hello members" not in part
    [english] = mail_server.to(sports.email)
    assert "A ski race." in text_of(english) and "A concert in Turku." not in text_of(english)
    [complete] = mail_server.to(everything.email)
    assert "A ski race." in html_of(complete) and "A concert in Turku." in html_of(complete)
    assert '<html lang="en">' in html_of(complete)


def test_the_unsubscribe_headers_follow_rfc_8058(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    send(moderator, issue, django_capture_on_commit_callbacks)
    [message] = mail_server.wait_for(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip().strip("<>")
    assert url.startswith("http")
    match = resolve(urlparse(url).path)
    assert match.view_name == "subscribers:unsubscribe"
    assert links.subscriber_of_token(match.kwargs["token"], links.UNSUBSCRIBE) == subscriber
    # The footer offers the same way out, and the preferences; nothing tracks the reader.
    html = html_of(message)
    assert url in html and links.link(subscriber, links.PREFERENCES) in html
    assert "<img" not in html

    # The mail program's one-click: a POST to the header's address, with no cookie and no
    # CSRF token (RFC 8058), and the subscriber gets no later issue.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        urlparse(url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.UNSUBSCRIBED
    later = NewsletterIssuePageFactory(title="Summer issue", body=[paragraph("Hello again")])
    send(moderator, later, django_capture_on_commit_callbacks)
    assert len(mail_server.wait_for(2, timeout=2)) == 1


def test_a_language_not_published_is_held_unless_english_is_chosen(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    translate(issue.get_parent(), "fi")
    draft = issue.copy_for_translation(locale("fi"))
    draft.title = "UNREVIEWED luonnos"
    draft.save_revision()
    finnish = SubscriberFactory(language="fi")
    russian = SubscriberFactory(language="ru")
    english = SubscriberFactory(language="en")

    send(moderator, issue, django_capture_on_commit_callbacks, english_for=["ru"])

    messages = mail_server.wait_for(2)
    assert {message["To"] for message in messages} == {russian.email, english.email}
    assert mail_server.to(russian.email)[0]["Subject"] == "Spring issue"
    assert not Delivery.objects.filter(subscriber=finnish).exists()

    # Later the moderator sends the English text to the Finnish subscriber too; the others do
    # not get it again, and the unreviewed translation is never used.
    send(moderator, issue, django_capture_on_commit_callbacks, english_for=["fi"])
    messages = mail_server.wait_for(3)
    assert len(messages) == 3
    assert mail_server.to(finnish.email)[0]["Subject"] == "Spring issue"
    assert all("UNREVIEWED" not in message.as_string() for message in messages)


def test_an_issue_not_published_is_not_sent(
    moderator, areas, mail_server, django_capture_on_commit_callbacks
):
    draft = NewsletterIssuePageFactory(live=False)
    SubscriberFactory()
    response = send(moderator, draft, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert not Delivery.objects.exists() and mail_server.messages == []


class Crash(BaseException):
    """A worker killed mid-batch: nothing after this point runs."""


def test_a_worker_killed_mid_run_sends_nobody_twice(
    moderator, issue, mail_server, monkeypatch, django_capture_on_commit_callbacks
):
    subscribers = [SubscriberFactory() for _ in range(6)]
    real_send = sending.Batch.send
    handled = []

    def dies_after_three(batch, delivery):
        if len(handled) == 3:
            raise Crash
        handled.append(delivery.pk)
        return real_send(batch, delivery)

    monkeypatch.setattr(sending.Batch, "send", dies_after_three)
    # The task's result records the crash (as a worker's death would leave its rows).
    send(moderator, issue, django_capture_on_commit_callbacks)
    assert Delivery.objects.filter(status=Delivery.SENDING).count() == 3
    monkeypatch.setattr(sending.Batch, "send", real_send)

    # Resuming at once is refused: for all the report can tell, a worker is still sending.
    resume = reverse("newsletters_admin:resume", args=[issue.pk])
    with django_capture_on_commit_callbacks(execute=True):
        refused = moderator.post(resume, follow=True)
    assert "Sending is still going on" in refused.content.decode()
    assert len(mail_server.wait_for(4, timeout=1)) == 3
    assert Delivery.objects.filter(status=Delivery.SENDING).count() == 3

    # Nothing moved for longer than a run takes: the moderator resumes from the report.
    later = timezone.now() + sending.STALLED_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        moderator.post(resume)

    mail_server.wait_for(3)
    received = [message["To"] for message in mail_server.messages]
    assert len(received) == len(set(received)) == 3
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert sorted(statuses.values()) == ["sent"] * 3 + ["unknown"] * 3
    assert all(statuses[address] == "sent" for address in received)
    report = moderator.get(reverse("newsletters_admin:report", args=[issue.pk])).content.decode()
    assert report.count("Interrupted: may or may not have arrived") == 4  # heading and 3 rows
    assert {s.email for s in subscribers} == set(statuses)


def test_a_hard_bounce_stops_every_later_send(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    gone, kept = SubscriberFactory(), SubscriberFactory()
    mail_server.answers[gone.email] = ["550 5.1.1 No such user"]
    send(moderator, issue, django_capture_on_commit_callbacks)
    assert [message["To"] for message in mail_server.wait_for(1)] == [kept.email]
    gone.refresh_from_db()
    assert gone.status == Subscriber.BOUNCED
    delivery = Delivery.objects.get(subscriber=gone)
    assert delivery.status == Delivery.FAILED and delivery.response.startswith("550")

    later = NewsletterIssuePageFactory(title="Summer issue", body=[paragraph("Hi")])
    send(moderator, later, django_capture_on_commit_callbacks)
    assert [message["To"] for message in mail_server.wait_for(2)] == [kept.email] * 2
    assert not Delivery.objects.filter(issue=later, subscriber=gone).exists()


def retry_now():
    Delivery.objects.filter(status=Delivery.RETRY).update(
        not_before=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_soft_bounce_is_tried_again_and_three_in_a_row_bounce(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    busy, full = SubscriberFactory(), SubscriberFactory()
    mail_server.answers[busy.email] = ["451 4.3.0 Try again later"]
    mail_server.answers[full.email] = ["452 4.2.2 Mailbox full"] * 3
    send(moderator, issue, django_capture_on_commit_callbacks)
    assert mail_server.messages == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.RETRY}

    for _attempt in range(2):
        retry_now()
        sending.send_issue.enqueue(issue.pk)
    assert [message["To"] for message in mail_server.wait_for(1)] == [busy.email]
    busy.refresh_from_db(), full.refresh_from_db()
    assert busy.status == Subscriber.SUBSCRIBED and busy.bounces == 0
    assert full.status == Subscriber.BOUNCED
    assert Delivery.objects.get(subscriber=full).status == Delivery.FAILED


def test_a_subscriber_who_left_after_queueing_is_skipped(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    leaving = SubscriberFactory()
    send(moderator, issue, lambda execute: django_capture_on_commit_callbacks(execute=False))
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.UNSUBSCRIBED)
    sending.send_issue.enqueue(issue.pk)
    assert mail_server.messages == []
    assert Delivery.objects.get().status == Delivery.SKIPPED


def test_the_report_counts_per_language(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    finnish = translate(issue, "fi", FINNISH)
    SubscriberFactory(language="fi"), SubscriberFactory(language="en")
    send(moderator, issue, django_capture_on_commit_callbacks)
    mail_server.wait_for(2)
    # Opened from the Finnish issue's page, the report is the issue's.
    response = moderator.get(reverse("newsletters_admin:report", args=[finnish.pk]))
    rows = response.context["rows"]
    sent_column = [status for status, _label in Delivery.STATUS_CHOICES].index(Delivery.SENT)
    assert {language: numbers[sent_column] for language, numbers in rows} == {
        "English": 1,
        "Suomi": 1,
    }


@pytest.fixture
def queued_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_sending_keeps_to_the_rate_and_goes_on_by_itself(
    moderator, issue, mail_server, settings, queued_in_database, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.NEWSLETTER_MESSAGES_PER_MINUTE = 2
    for _ in range(5):
        SubscriberFactory()
    send(moderator, issue, django_capture_on_commit_callbacks)
    [first] = DBTaskResult.objects.all()

    started = timezone.now()
    sending.send_issue.call(issue.pk)  # as the worker would

    assert len(mail_server.wait_for(2)) == 2
    following = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert following.args_kwargs["args"] == [issue.pk]
    # Two messages at two a minute: the next run a minute after this one started.
    assert datetime.timedelta(seconds=59) < following.run_after - started
    assert following.run_after - started < datetime.timedelta(seconds=61)


def test_a_scheduled_issue_waits_for_its_time(
    moderator, issue, mail_server, queued_in_database, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    SubscriberFactory()
    response = send(
        moderator, issue, django_capture_on_commit_callbacks, send_at="2099-05-01T09:00"
    )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.run_after.isoformat() == "2099-05-01T06:00:00+00:00"  # 09:00 in Helsinki
    assert mail_server.messages == []


def test_only_the_approved_text_is_sent_and_a_second_click_sends_nothing_more(
    moderator, issue, mail_server, member_of, django_capture_on_commit_callbacks
):
    draft = issue.get_latest_revision().as_object()
    draft.title = "UNREVIEWED title"
    draft.body = [paragraph("UNREVIEWED text")]
    draft.save_revision(user=member_of("Editors"))
    subscriber = SubscriberFactory()
    for _click in range(2):
        send(moderator, issue, django_capture_on_commit_callbacks)
    [message] = mail_server.wait_for(2, timeout=2)
    assert message["To"] == subscriber.email and message["Subject"] == "Spring issue"
    assert "UNREVIEWED" not in message.as_string()


def test_held_subscribers_get_the_translation_once_it_is_approved(
    moderator, issue, mail_server, django_capture_on_commit_callbacks
):
    finnish = SubscriberFactory(language="fi")
    SubscriberFactory(language="en")
    send(moderator, issue, django_capture_on_commit_callbacks)
    mail_server.wait_for(1)
    assert mail_server.to(finnish.email) == []

    translate(issue, "fi", FINNISH)  # reviewed and published
    page = moderator.get(reverse("newsletters_admin:send", args=[issue.pk]))
    assert ("Suomi", 1, True) in page.context["languages"]
    send(moderator, issue, django_capture_on_commit_callbacks)
    [message] = mail_server.wait_for(2)[1:]
    assert message["To"] == finnish.email and message["Subject"] == "Kevään numero"
