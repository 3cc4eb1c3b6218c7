"""Whole responses of public pages, cached for anonymous visitors.

A cached page is stored with the current *content version* and served only while that is still
the version: publishing, unpublishing, moving or deleting a page, or changing a snippet,
setting, image or document, moves the version on (see ``invalidation``), so every page that
might show the change is rendered afresh. This is cruder than tracking which page shows what,
but it cannot miss a dependency.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.translation import get_language

from core.caching import VERSION_KEY, address_digest, content_version, is_anonymous_request

# Cache-Control directives that say a response belongs to one visitor or must not be kept.
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def cache_key(request):
    # Pages are stored as sent: compressed for browsers that accept gzip, plain for the others.
    encoding = "gzip" if accepts_gzip(request) else "identity"
    return f"page-cache:{get_language()}:{encoding}:{address_digest(request)}"


def accepts_gzip(request):
    # The test GZipMiddleware makes before compressing.
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A CSRF token was put into the page (a form that posts): it belongs to one visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if getattr(request, "is_preview", False) or (user is not None and user.is_authenticated):
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & UNCACHEABLE_DIRECTIVES and response.get("Vary") != "*"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store what is safe to share.

    Sits after the session and locale middleware (the language is part of the key) and before
    the CSRF middleware, so a page that sets the CSRF cookie is seen with it and not stored.
    ``PAGE_CACHE_SECONDS = 0`` turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not timeout or request.method != "GET" or not is_anonymous_request(request):
            return self.get_response(request)
        key = cache_key(request)
        # The content version and the page in one round trip to the cache.
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        request._content_version = version
        if key in found and found[key][0] == version:
            _version, status, headers, content = found[key]
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable(request, response):
            if getattr(settings, "WAGTAILFRONTENDCACHE", None):
                # A CDN may keep it as long as we do; publishing purges the page there too.
                patch_cache_control(response, public=True, s_maxage=timeout)
            # Stored with the version it was rendered under (read before rendering), so a page
            # rendered while something was published is not taken for the new content.
            stored = (version, response.status_code, dict(response.items()), response.content)
            cache.set(key, stored, timeout)
            response["X-Page-Cache"] = "miss"
        return response
