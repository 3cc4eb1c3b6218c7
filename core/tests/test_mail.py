"""The visitors' mails (core.mail, the sign-ups' mails) are tried again when the mail server
fails: django-tasks does not retry a task by itself (issue 25)."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import MailNotSent, send_templated_mail
from tests.smtp import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def test_a_mail_the_server_refused_is_sent_by_its_retry_once(smtp_server, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.EMAIL_PORT, working_port = free_port(), settings.EMAIL_PORT
    mail = {
        "template": "registrations/mail/message",
        "to": "olga@example.org",
        "language": "fi",
        "context": {"subject": "Bussi lähtee klo 9", "message": "Tervetuloa!", "event": "Retki"},
        "key": "message:test:1",
    }
    send_templated_mail.enqueue(**mail)
    send_templated_mail.enqueue(**mail)  # enqueued twice: still one mail

    def run_worker():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    run_worker()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == 2
    assert {result.exception_class_path for result in failed} == {
        f"{MailNotSent.__module__}.{MailNotSent.__qualname__}"
    }
    assert [
        result.args_kwargs["kwargs"]["attempt"]
        for result in DBTaskResult.objects.filter(status="READY")
    ] == [2, 2]
    settings.EMAIL_PORT = working_port
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Bussi lähtee klo 9"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
