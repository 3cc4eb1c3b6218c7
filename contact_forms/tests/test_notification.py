"""The office's notification of a form's answers goes through the task queue and a real SMTP
server (tests/smtp.py): a failing mail server gives the visitor their thank-you page, stores
the answers once, and the mail is tried again later, then given up (issue 25)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from contact_forms.models import FormField
from contact_forms.tests.test_forms import contact_answers, form_page
from core.mail import RETRY_DELAYS
from tests.smtp import free_port

pytestmark = pytest.mark.django_db


def run_worker():
    """What `manage.py db_worker` does, until no task is due."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def queued(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections it takes for stale, as the test's open transaction looks.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def due_now():
    """Let the retries waiting for their time run now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_the_notification_is_sent_by_the_queue_as_wagtail_writes_it(
    client, smtp_server, queued, django_capture_on_commit_callbacks
):
    contact = form_page("contact-us")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(contact.url, contact_answers()).status_code == 200
    assert smtp_server.messages == []
    run_worker()
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "New message from the website"
    assert message["Auto-Submitted"] == "auto-generated"
    body = message.get_content()
    assert "Anna Virtanen" in body and "Do you have chess for children?" in body
    run_worker()
    assert len(smtp_server.messages) == 1


def test_a_failing_mail_server_is_retried_then_given_up_without_a_500(
    client, smtp_server, queued, settings, django_capture_on_commit_callbacks, caplog
):
    contact = form_page("contact-us")
    settings.EMAIL_PORT, working_port = free_port(), settings.EMAIL_PORT  # nobody listens
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, contact_answers())
    assert response.status_code == 200
    assert "Thank you for your message" in response.content.decode()
    run_worker()
    assert FormSubmission.objects.filter(page=contact).count() == 1
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.args_kwargs["kwargs"] == {
        "submission_id": FormSubmission.objects.get(page=contact).pk,
        "attempt": 2,
    }
    assert waiting.run_after > timezone.now() + RETRY_DELAYS[0] - datetime.timedelta(seconds=30)
    # The server is back for the second attempt: the mail goes out, once.
    settings.EMAIL_PORT = working_port
    due_now()
    run_worker()
    assert len(smtp_server.wait_for(1)) == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()

    # A server that stays down: four retries, then the mail is given up.
    settings.EMAIL_PORT = free_port()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact.url, contact_answers(your_name="Olli Oja"))
    for _attempt in range(len(RETRY_DELAYS) + 1):
        due_now()
        run_worker()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1 + len(RETRY_DELAYS) + 1
    site_log = " ".join(
        record.getMessage() for record in caplog.records if record.name != "mail.log"
    )
    assert "Gave up sending the mail form-submission-" in site_log
    assert "Olli" not in site_log and "@" not in site_log
    assert not any("@" in result.traceback for result in DBTaskResult.objects.all())
    assert len(smtp_server.messages) == 1


def test_dates_in_the_notification_are_written_as_dates_not_iso_text(
    client, smtp_server, queued, django_capture_on_commit_callbacks
):
    contact = form_page("contact-us")
    for label, field_type in [("Visit day", "date"), ("Call back at", "datetime")]:
        FormField.objects.create(
            page=contact, label=label, field_type=field_type, required=False, locale=contact.locale
        )
    answers = contact_answers(visit_day="2027-02-18", call_back_at="2027-02-18 17:30")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(contact.url, answers).status_code == 200
    run_worker()
    body = smtp_server.wait_for(1)[0].get_content()
    # Wagtail writes dates in the short format of the language (English here), as it does when
    # it sends the mail itself.
    assert "Visit day: 02/18/2027" in body, body
    assert "Call back at: 02/18/2027 5:30 p.m." in body, body
    assert "2027-02-18" not in body
