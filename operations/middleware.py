import logging
import re
import time
import uuid

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from .health import failed_checks, warnings
from .log import current_request_id

request_logger = logging.getLogger("operations.request")

REQUEST_ID_HEADER = "X-Request-ID"
# Ids from the load balancer are kept when they look like ids; anything else (too long, odd
# characters that could forge log lines) is replaced by a fresh one.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
HEALTH_CHECK_PATHS = {"/healthz", "/healthz/"}


class RequestIdMiddleware:
    """Give every request an id (the load balancer's X-Request-ID or a new one), put it in every
    log record made while the request runs and in the response, and log one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Cleared when the response is finished (see apps.py), not when this returns: Django
        # logs 4xx and 5xx answers after the last middleware is done.
        current_request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        if request.path_info in HEALTH_CHECK_PATHS and response.status_code == 200:
            return response  # load balancers probe every few seconds; only failures are news
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


class HealthCheckMiddleware:
    """Answer /healthz for load balancers before anything else runs: no host check (they probe
    by IP address), no HTTPS redirect, no session, no language prefix, never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in HEALTH_CHECK_PATHS:
            return self.get_response(request)
        failures = failed_checks()
        if failures:
            response = HttpResponse(
                "; ".join(failures) + "\n", status=503, content_type="text/plain; charset=utf-8"
            )
        else:
            # Asked only of a database that answers.
            response = HttpResponse(
                "; ".join(["ok", *warnings()]) + "\n", content_type="text/plain; charset=utf-8"
            )
        add_never_cache_headers(response)
        return response
