"""Request ids and JSON log lines: each request's log records and errors carry its id."""

import io
import json
import logging

import pytest
from django.test import override_settings

from operations.log import JsonFormatter, TextFormatter, current_request_id
from operations.sentry import tag_request_id

from .helpers import closed_port, redis_cache_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The root logger writing JSON lines into a buffer, as production writes them to stdout."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_the_load_balancers_request_id_is_kept_and_returned(client, json_log):
    response = client.get("/en/", HTTP_X_REQUEST_ID="lb-4f2a.17")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-4f2a.17"
    request_line = next(entry for entry in json_log() if entry["logger"] == "operations.request")
    assert request_line["request_id"] == "lb-4f2a.17"
    assert request_line["method"] == "GET"
    assert request_line["path"] == "/en/"
    assert request_line["status"] == 200
    assert request_line["duration_ms"] >= 0


def test_each_request_without_an_id_gets_a_new_one(client):
    first = client.get("/en/")["X-Request-ID"]
    second = client.get("/en/")["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32
    assert first != second


@pytest.mark.parametrize("header", ["a" * 129, "id with spaces", 'x"}\n{"forged": 1'])
def test_request_ids_that_are_not_ids_are_replaced(client, header):
    response = client.get("/en/", HTTP_X_REQUEST_ID=header)
    assert response["X-Request-ID"] != header
    assert len(response["X-Request-ID"]) == 32


def test_error_logs_carry_the_request_id_and_the_traceback(client, json_log):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="operations.tests.urls"):
        response = client.get("/failing/", HTTP_X_REQUEST_ID="req-500")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-500"
    error = next(entry for entry in json_log() if entry["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == "req-500"
    assert error["status_code"] == 500
    assert "RuntimeError: the view broke" in error["exception"]
    assert "request" not in error


def test_not_found_warnings_carry_the_request_id(client, json_log):
    assert client.get("/en/no-such-page/", HTTP_X_REQUEST_ID="req-404").status_code == 404
    warning = next(entry for entry in json_log() if entry["logger"] == "django.request")
    assert warning["level"] == "WARNING"
    assert warning["message"] == "Not Found: /en/no-such-page/"
    assert warning["request_id"] == "req-404"


def test_records_outside_requests_have_no_request_id(client, json_log):
    client.get("/en/")  # a finished request leaves no id behind
    logging.getLogger("operations.test").warning("cron job %s finished", "publish_scheduled")
    [entry] = [e for e in json_log() if e["logger"] == "operations.test"]
    assert entry["request_id"] is None
    assert entry["message"] == "cron job publish_scheduled finished"
    assert entry["level"] == "WARNING"
    assert entry["time"].endswith("+00:00")


def test_extra_fields_are_json_and_text_lines_show_the_request_id():
    record = logging.makeLogRecord(
        {"name": "x", "levelname": "INFO", "msg": "hello", "request_id": "r1", "count": 2}
    )
    assert json.loads(JsonFormatter().format(record))["count"] == 2
    assert "[r1] hello" in TextFormatter().format(record)


def test_successful_health_probes_are_not_logged_but_failures_are(client, json_log):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="probe-1").status_code == 200
    assert not [entry for entry in json_log() if entry["request_id"] == "probe-1"]
    with override_settings(CACHES=redis_cache_settings(closed_port())):
        assert client.get("/healthz", HTTP_X_REQUEST_ID="probe-2").status_code == 503
    loggers = {entry["logger"] for entry in json_log() if entry["request_id"] == "probe-2"}
    assert {"operations.request", "operations.health", "django.request"} <= loggers


def test_error_reports_are_tagged_with_the_request_id():
    token = current_request_id.set("req-sentry")
    try:
        event = tag_request_id({"tags": {"area": "culture"}}, hint={})
    finally:
        current_request_id.reset(token)
    assert event["tags"] == {"area": "culture", "request_id": "req-sentry"}
    assert tag_request_id({}, hint={}) == {}
