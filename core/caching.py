"""What the site keeps so as not to make it again, in one vocabulary:

- *the content version*: a number in the shared cache that every publication, move, deletion or
  change of a snippet, setting, image or document moves on (``performance.invalidation``);
- *kept*: in the shared cache (Redis in production, else the process's memory), under the
  content version, so a new version is a new key and nothing kept goes stale;
- *remembered*: in the process's own memory (a ``Memo``), for values their key fully determines.

Whole responses for anonymous visitors are kept too, the page cache's and the search's
(``kept_response``): with the content version they were made under, served only while it is
still the version.
"""

import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse


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


CONTENT_VERSION_KEY = "content-version"


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Start from the clock, not from 1, so that a version lost from the cache (an eviction,
        # a Redis restart) never brings back pages kept under an earlier run's numbers.
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def new_content_version():
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        content_version()


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


def request_content_version(request):
    """The content version, read once per request (the site chrome and the page cache share it)."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


class KeptResponse(NamedTuple):
    response: HttpResponse
    # What the view kept with the response, to serve it again (the search's count of results).
    details: tuple


def kept_response(request, key):
    """The response kept under ``key`` (``keep_response``) for the request's content version,
    or None. Unless the request has read the content version already, it is read in the same
    round trip to the cache."""
    if hasattr(request, "_content_version"):
        kept = cache.get(key)
    else:
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        request._content_version = found.get(CONTENT_VERSION_KEY) or content_version()
        kept = found.get(key)
    if kept is None or kept[0] != request._content_version:
        return None
    _version, status, headers, content, *details = kept
    return KeptResponse(HttpResponse(content, status=status, headers=headers), tuple(details))


def keep_response(request, key, response, timeout, *details):
    """Keep ``response`` under ``key`` for ``timeout`` seconds with the content version the
    request read before making it, so that a response made while something was published is
    not taken for the new content; with ``details`` for the view (``KeptResponse``)."""
    kept = (
        request_content_version(request),
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
