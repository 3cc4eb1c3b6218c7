"""/healthz: what a load balancer asks before sending visitors to an app server."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.utils import timezone

from .helpers import closed_port, redis_cache_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "max-age=0" in cache_control


def test_healthz_has_no_language_prefix(client):
    assert client.get("/en/healthz/").status_code == 404
    assert client.get("/healthz/").status_code == 200


def test_healthz_answers_any_host_the_load_balancer_uses(client):
    # Load balancers probe app servers by address, which is not in ALLOWED_HOSTS.
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert client.get("/en/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_healthz_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_healthz_reports_a_database_failure(client):
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unreachable\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_a_cache_failure_while_pages_are_still_served(client):
    with override_settings(CACHES=redis_cache_settings(closed_port())):
        response = client.get("/healthz")
        page = client.get("/en/")
    assert response.status_code == 503
    assert response.content == b"cache unreachable\n"
    assert page.status_code == 200


def test_healthz_names_every_failure(client):
    with (
        override_settings(CACHES=redis_cache_settings(closed_port())),
        mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unreachable; cache unreachable\n"


@pytest.fixture
def mail_queue(settings, monkeypatch):
    """The database task queue, with one mail to send and a worker to run it."""
    from django.core.management import call_command

    from core.mail import send_templated_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    send_templated_mail.enqueue(
        template="registrations/mail/message",
        to="olga@example.org",
        language="en",
        context={"subject": "The bus leaves at 9", "message": "Welcome!", "event": "Trip"},
        key="message:health:1",
    )
    return lambda: call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


@pytest.mark.no_demo
def test_healthz_reports_mails_waiting_too_long(client, mail_queue):
    from django_tasks_db.models import DBTaskResult

    assert client.get("/healthz").status_code == 200  # just queued
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=16))
    response = client.get("/healthz")
    # Reported, but the server stays in the load balancer: pages do not need the mail server.
    assert response.status_code == 200
    assert response.content == b"ok; mail backlog: 1 waiting, 0 failed\n"


@pytest.mark.no_demo
def test_healthz_reports_mails_the_server_refused(client, mail_queue, smtp_server, settings):
    settings.EMAIL_PORT, working_port = closed_port(), settings.EMAIL_PORT
    mail_queue()
    response = client.get("/healthz")
    assert response.status_code == 200
    # The retry waits for its time: it is not late.
    assert response.content == b"ok; mail backlog: 0 waiting, 1 failed\n"
    settings.EMAIL_PORT = working_port
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="FAILED").update(
        finished_at=timezone.now() - datetime.timedelta(minutes=61)
    )
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    mail_queue()
    assert len(smtp_server.wait_for(1)) == 1
    assert client.get("/healthz").content == b"ok\n"


@pytest.mark.no_demo
def test_healthz_does_not_ask_a_queue_it_cannot_read(client, settings, django_assert_num_queries):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with django_assert_num_queries(1):
        assert client.get("/healthz").content == b"ok\n"
