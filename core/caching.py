"""What the site keeps so as not to make it again, in one vocabulary:

- *the content version*: a number in the database that every publication, move, deletion or
  change of a snippet, setting, image or document moves on (``performance.invalidation``), read
  once per request, so that every process agrees on it with or without a shared cache;
- *kept*: in the shared cache (Redis in production, else the process's memory), under the
  content version, so a new version is a new key and nothing kept goes stale;
- *remembered*: in the process's own memory (a ``Memo``), for values their key fully determines.

Whole responses for anonymous visitors are kept too, the page cache's and the search's
(``kept_response``): with the content version they were made under, served only while it is
still the version.
"""

import hashlib
import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest
from django.http import HttpResponse

from core import upstream


class Memo:
    """Values by key, made once per process. Only for values that the key fully determines:
    nothing can then go stale, and nothing needs clearing when content changes (a change gives
    a new key). Emptied when full, which bounds memory without the bookkeeping of an LRU."""

    def __init__(self, size):
        self.size = size
        self.values = {}

    def get_or_make(self, key, make):
        value = self.values.get(key)
        if value is None:
            if len(self.values) >= self.size:
                self.values.clear()
            value = self.values[key] = make()
        return value

    def clear(self):
        self.values.clear()


# The stored number as read at the start of the current request or task (``content_version_read_once``).
request_number = ContextVar("content_version_number", default=None)


def stored_content_number():
    from core.models import ContentVersion

    number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    if number is None:  # a database emptied (a test's flush) or restored without the row
        ContentVersion.objects.bulk_create(
            [ContentVersion(pk=1, number=time.time_ns())], ignore_conflicts=True
        )
        return stored_content_number()
    return number


def move_stored_number_on():
    from core.models import ContentVersion

    # At least the clock, so that a number never comes back after a rolled-back change, a
    # restored backup or a lost row: what was kept under it would be taken for new content.
    moved = ContentVersion.objects.filter(pk=1).update(
        number=Greatest(F("number") + 1, Value(time.time_ns(), output_field=BigIntegerField()))
    )
    if not moved:
        stored_content_number()


class StoredNumberMove:
    """Moves the stored number on when the transaction that changed content commits: the other
    processes then see the new number and the new content together. Until then the changing
    process alone sees its own version (``token``), new at every change."""

    def __init__(self):
        self.renew()

    def renew(self):
        self.token = secrets.token_hex(8)

    def __call__(self):
        move_stored_number_on()


def content_version():
    """The version of what visitors may see, the same in every process: the stored number (read
    once per request), plus the current transaction's own changes not committed yet."""
    number = request_number.get()
    if number is None:
        number = stored_content_number()
    move = upstream.pending_on_commit(transaction.get_connection(), StoredNumberMove)
    return f"{number}.{move.token}" if move else str(number)


def new_content_version():
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        move = upstream.pending_on_commit(connection, StoredNumberMove)
        if move:
            move.renew()
        else:
            transaction.on_commit(StoredNumberMove())
    else:
        move_stored_number_on()
        # The rest of this request reads the number moved on.
        request_number.set(None)


# The number this process read last (``number_read_once``).
last_read_number = None


def number_read_once():
    """The stored number; while the database cannot be reached, the number read last, so that
    pages kept under it are still served (nothing can be published meanwhile)."""
    global last_read_number
    try:
        last_read_number = stored_content_number()
    except DatabaseError:
        if last_read_number is None:
            raise
    return last_read_number


@contextmanager
def content_version_read_once():
    """Within it, the stored number is read once, on entering, before anything else is read
    from the database: what is made inside is then at least as new as the version it is kept
    under. A request (``ContentVersionMiddleware``) or a background task is one such unit."""
    reset = request_number.set(number_read_once())
    try:
        yield
    finally:
        request_number.reset(reset)


class ContentVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with content_version_read_once():
            return self.get_response(request)


# What is kept per content version outlives its version by at most this long.
KEPT_SECONDS = 24 * 60 * 60


def kept_per_content_version(name, version, make):
    """``make()``, kept in the cache under ``name`` for this content ``version``: for what
    depends only on the published content (a site, a route, language links, the layout), which
    every publication, move or deletion moves on (``invalidation``). ``make`` must not return
    None, which means "not kept"."""
    key = f"{name}:{version}"
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, KEPT_SECONDS)
    return value


# The smallest and most used of it in each process as well (areas, private paths, the layout):
# reading them from the cache unpickles them on every call, five times an area page for the
# areas. Keyed by name and content version, so a new version is a new key and nothing goes stale.
remembered_per_version = Memo(64)


def remembered_per_content_version(name, version, make):
    """``kept_per_content_version``, remembered in the process too."""
    return remembered_per_version.get_or_make(
        (name, version), lambda: kept_per_content_version(name, version, make)
    )


class KeptResponse(NamedTuple):
    response: HttpResponse
    # What the view kept with the response, to serve it again (the search's count of results).
    details: tuple


def kept_response(key):
    """The response kept under ``key`` (``keep_response``) for the current content version,
    or None."""
    kept = cache.get(key)
    if kept is None or kept[0] != content_version():
        return None
    _version, status, headers, content, *details = kept
    return KeptResponse(HttpResponse(content, status=status, headers=headers), tuple(details))


def keep_response(key, response, timeout, *details):
    """Keep ``response`` under ``key`` for ``timeout`` seconds with the content version, read
    at the start of the request (before the response was made, so that a response made while
    something was published is not taken for the new content); with ``details`` for the view
    (``KeptResponse``)."""
    kept = (
        content_version(),
        response.status_code,
        dict(response.items()),
        response.content,
        *details,
    )
    cache.set(key, kept, timeout)


def address_digest(request):
    """The full address asked for (host included: a page names its own address), hashed."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(address.encode()).hexdigest()


def is_anonymous_request(request):
    """No session (so no login and no preview), no pending messages, no credentials."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )
