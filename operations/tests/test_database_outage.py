"""While PostgreSQL is down or restarting, visitors get a 503 "temporarily unavailable" page
in their language that needs nothing from the database, and each failure is logged once."""

import io
import json
import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from operations.log import JsonFormatter

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error=None):
    """Every query fails as it does while PostgreSQL restarts (or after the connection drops)."""
    error = error or OperationalError("connection to server at 127.0.0.1, port 5432 failed")
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=error):
        yield


@pytest.fixture
def visitor(client):
    # Answer like a server in production does rather than re-raise the view's exception.
    client.raise_request_exception = False
    return client


@pytest.fixture
def error_log():
    """JSON log lines at error level, as production writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.ERROR)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection"), InterfaceError("connection already closed")],
)
def test_pages_answer_503_with_retry_after_while_the_database_is_down(visitor, error):
    with database_down(error):
        response = visitor.get("/en/events/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in html
    assert 'href="/en/events/"' in html  # try again


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Temporarily unavailable"),
        ("fi", "Tilapäisesti poissa käytöstä"),
        ("ru", "Временно недоступно"),
    ],
)
def test_the_page_is_in_the_language_of_the_address(visitor, language, heading):
    with database_down():
        response = visitor.get(f"/{language}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html


def test_the_page_quotes_the_request_id_and_is_never_cached(visitor):
    with database_down():
        response = visitor.get("/en/", HTTP_X_REQUEST_ID="req-outage-1")
    assert response["X-Request-ID"] == "req-outage-1"
    assert "req-outage-1" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_outage_is_logged_once_at_error_level_with_the_request_id(visitor, error_log):
    with database_down():
        visitor.get("/en/", HTTP_X_REQUEST_ID="req-outage-2")
    errors = error_log()
    assert len(errors) == 1
    assert errors[0]["logger"] == "django.request"
    assert errors[0]["request_id"] == "req-outage-2"
    assert errors[0]["status_code"] == 503
    assert "OperationalError: connection to server" in errors[0]["exception"]


def test_other_errors_still_answer_500(visitor, settings):
    settings.ROOT_URLCONF = "operations.tests.urls"
    response = visitor.get("/failing/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong" in response.content.decode()


class TestWithThePageCache:
    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 300

    def test_pages_stored_before_the_outage_are_still_served(self, visitor):
        stored = visitor.get("/en/")
        with database_down():
            response = visitor.get("/en/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit"
        assert response.content == stored.content

    def test_the_503_is_not_stored_so_the_page_comes_back_with_the_database(self, visitor):
        with database_down():
            assert visitor.get("/en/events/").status_code == 503
        response = visitor.get("/en/events/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
