"""What the site keeps so as not to make it again, in one vocabulary:

- *the content version*: a number in the shared cache that every publication, move, deletion or
  change of a snippet, setting, image or document moves on (``performance.invalidation``);
- *kept*: in the shared cache (Redis in production, else the process's memory), under the
  content version, so a new version is a new key and nothing kept goes stale;
- *remembered*: in the process's own memory (a ``Memo``), for values their key fully determines.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

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


VERSION_KEY = "page-cache:version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not from 1, so that a version lost from the cache (an eviction,
        # a Redis restart) never brings back pages stored under an earlier run's numbers.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def new_content_version():
    try:
        cache.incr(VERSION_KEY)
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
# areas. Keyed by name and version, so a new version is a new key and nothing goes stale.
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
