"""/healthz: what a load balancer asks before sending visitors to an app server."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings

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
