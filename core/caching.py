"""What the site keeps so as not to make it again, in one vocabulary:

- *the content version*: a number in the database that every publication, move, deletion or
  change of a snippet, setting, image or document moves on (``performance.invalidation``), read
  once per request, so that every process agrees on it with or without a shared cache;
- *the live state's version*: a second such number, for what changes with no editor (the
  places visitors take at events, the dates that are over), on which only the pages that show
  it depend;
- *the structure's version*: a third, for where pages are and what they are called (addresses,
  titles, which are live and in which language, privacy) and for snippets, settings, sites and
  locales: what the layout, the routes and the language links show. It moves with the content
  version, except when an editor publishes new content for a live page whose place, title and
  menu entry stay the same (``new_page_content_version``), the most common change;
- *kept*: in the shared cache (Redis in production, else the process's memory), under the
  content version, so a new version is a new key and nothing kept goes stale;
- *remembered*: in the process's own memory (a ``Memo``), for values their key fully determines.

Whole responses for anonymous visitors are kept too, the page cache's and the search's
(``kept_response``): with the versions they were made under, served only while those are still
current.
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


# The stored numbers' rows. The content version: what editors publish. The live state: what
# changes with no editor (places taken, dates over), which only the pages that show it depend
# on, so that a sign-up does not make every other page and the layout be made afresh.
CONTENT, LIVE_STATE, STRUCTURE = 1, 2, 3
ROWS = (CONTENT, LIVE_STATE, STRUCTURE)

# The stored numbers ({row: number}) as read at the start of the current request or task
# (``content_version_read_once``).
request_numbers = ContextVar("stored_numbers", default=None)


class LiveStateShown:
    """Whether what the current request made shows the live state (``note_live_state_shown``).
    Mutable, so that a view run in a copy of the request's context still reaches it."""

    shown = False


request_live_state = ContextVar("live_state_shown", default=None)


def stored_numbers():
    from core.models import ContentVersion

    numbers = dict(ContentVersion.objects.filter(pk__in=ROWS).values_list("pk", "number"))
    missing = [row for row in ROWS if row not in numbers]
    if missing:  # a database emptied (a test's flush) or restored without the rows
        ContentVersion.objects.bulk_create(
            [ContentVersion(pk=row, number=time.time_ns()) for row in missing],
            ignore_conflicts=True,
        )
        return stored_numbers()
    return numbers


def stored_content_number():
    return stored_numbers()[CONTENT]


def move_stored_number_on(row=CONTENT):
    from core.models import ContentVersion

    # At least the clock, so that a number never comes back after a rolled-back change, a
    # restored backup or a lost row: what was kept under it would be taken for new content.
    moved = ContentVersion.objects.filter(pk=row).update(
        number=Greatest(F("number") + 1, Value(time.time_ns(), output_field=BigIntegerField()))
    )
    if not moved:
        stored_numbers()


class NumberMove:
    """Moves a stored number on when the transaction that changed what it stands for commits:
    the other processes then see the new number and the new content together. Until then the
    changing process alone sees its own version (``token``), new at every change."""

    row = None

    def __init__(self):
        self.renew()

    def renew(self):
        self.token = secrets.token_hex(8)

    def __call__(self):
        move_stored_number_on(self.row)


class StoredNumberMove(NumberMove):
    row = CONTENT


class LiveStateMove(NumberMove):
    row = LIVE_STATE


class StructureMove(NumberMove):
    row = STRUCTURE


def current_version(move_class):
    """The version of a stored number, the same in every process: the number (read once per
    request), plus the current transaction's own changes not committed yet."""
    numbers = request_numbers.get() or stored_numbers()
    move = upstream.pending_on_commit(transaction.get_connection(), move_class)
    number = numbers[move_class.row]
    return f"{number}.{move.token}" if move else str(number)


def content_version():
    """The version of what visitors may see of what editors publish."""
    return current_version(StoredNumberMove)


def live_state_version():
    """The version of what changes with no editor (places taken, dates over)."""
    return current_version(LiveStateMove)


def structure_version():
    """The version of where pages are, what they are called, which are live and private, and
    of snippets, settings, sites and locales: it moves only when the content version does, so
    what is kept under it is never older than what is kept under the content version."""
    return current_version(StructureMove)


def move_version_on(move_class):
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        move = upstream.pending_on_commit(connection, move_class)
        if move:
            move.renew()
        else:
            transaction.on_commit(move_class())
    else:
        move_stored_number_on(move_class.row)
        # The rest of this request reads the number moved on.
        request_numbers.set(None)


def new_content_version():
    """After any change visitors may see: everything kept is made afresh."""
    move_version_on(StoredNumberMove)
    move_version_on(StructureMove)


def new_page_content_version():
    """After new content was published for a live page that stays where it is, with the same
    title and menu entry: what is kept per structure version (routes, the layout, language
    links) stays valid."""
    move_version_on(StoredNumberMove)


def new_live_state_version():
    """After places were taken or given back, or dates are over: the pages that show them are
    made afresh."""
    move_version_on(LiveStateMove)


def note_live_state_shown():
    """What the current request makes shows the live state: kept, it is served only while that
    is current (``keep_response``)."""
    shown = request_live_state.get()
    if shown is not None:
        shown.shown = True


# The numbers this process read last (``numbers_read_once``).
last_read_numbers = None


def numbers_read_once():
    """The stored numbers; while the database cannot be reached, the numbers read last, so that
    pages kept under them are still served (nothing can be published meanwhile)."""
    global last_read_numbers
    try:
        last_read_numbers = stored_numbers()
    except DatabaseError:
        if last_read_numbers is None:
            raise
    return last_read_numbers


@contextmanager
def content_version_read_once():
    """Within it, the stored numbers are read once, on entering, before anything else is read
    from the database: what is made inside is then at least as new as the version it is kept
    under. A request (``ContentVersionMiddleware``) or a background task is one such unit."""
    reset_numbers = request_numbers.set(numbers_read_once())
    reset_shown = request_live_state.set(LiveStateShown())
    try:
        yield
    finally:
        request_numbers.reset(reset_numbers)
        request_live_state.reset(reset_shown)


class ContentVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with content_version_read_once():
            return self.get_response(request)


# What is kept per content version outlives its version by at most this long.
KEPT_SECONDS = 24 * 60 * 60


def kept_per_content_version(name, version, make):
    """``make()``, kept in the cache under ``name`` for this ``version``: the content version,
    for what depends only on the published content, which every publication, move or deletion
    moves on (``invalidation``); or the structure version, for what depends only on where pages
    are and what they are called (a site, a route, language links, the layout). ``make`` must
    not return None, which means "not kept"."""
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


def versions_shown():
    """The versions what the current request made depends on: the content version, and the
    live state's version if it showed any (else None)."""
    shown = request_live_state.get()
    return (content_version(), live_state_version() if shown and shown.shown else None)


def are_current(versions):
    content, live_state = versions
    return content == content_version() and (
        live_state is None or live_state == live_state_version()
    )


def kept_response(key):
    """The response kept under ``key`` (``keep_response``) while what it shows is current, or
    None."""
    kept = cache.get(key)
    # An earlier release kept the content version alone, as a string.
    if kept is None or not isinstance(kept[0], tuple) or not are_current(kept[0]):
        return None
    _versions, status, headers, content, *details = kept
    return KeptResponse(HttpResponse(content, status=status, headers=headers), tuple(details))


def keep_response(key, response, timeout, *details):
    """Keep ``response`` under ``key`` for ``timeout`` seconds with the versions it depends on,
    read at the start of the request (before the response was made, so that a response made
    while something was published is not taken for the new content); with ``details`` for the
    view (``KeptResponse``)."""
    kept = (
        versions_shown(),
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
