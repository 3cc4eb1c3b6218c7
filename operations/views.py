"""The error page for a database outage: 503 with ``Retry-After`` rather than a 500."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

# What a database that is down, restarting or unreachable raises (not a wrong query).
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The site's ``handler500``: Django's 500 page, except for a database outage.

    A handler rather than a middleware because it sees every uncaught exception, whether a
    view or a middleware (one saving a session, say) raised it. Django logs the answer once,
    at error level, with the traceback and the request id, and tells Sentry."""
    if caused_by_database_outage(sys.exception()):
        return database_unavailable(request)
    return defaults.server_error(request)


def caused_by_database_outage(error):
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def database_unavailable(request):
    """A page that needs nothing from the database (no site settings, menus or context
    processors), in the language of the address, never stored by the page cache or a CDN."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        content = render_to_string(
            "operations/database_unavailable.html",
            {
                "retry_url": request.get_full_path(),
                "request_id": getattr(request, "request_id", ""),
            },
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
