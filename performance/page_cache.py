"""Whole responses of public pages, kept for anonymous visitors.

A page is kept with the current *content version* and served only while that is still the
version (``core.caching.kept_response``): publishing, unpublishing, moving or deleting a page,
or changing a snippet, setting, image or document, moves the version on (see
``invalidation``), so every page that might show the change is rendered afresh. This is cruder
than tracking which page shows what, but it cannot miss a dependency.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from core import upstream
from core.caching import address_digest, is_anonymous_request, keep_response, kept_response

# Cache-Control directives that say a response belongs to one visitor or must not be kept.
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def cache_key(request):
    # Pages are kept as sent: compressed for browsers that accept gzip, plain for the others.
    encoding = "gzip" if accepts_gzip(request) else "identity"
    return f"page-cache:{get_language()}:{encoding}:{address_digest(request)}"


def accepts_gzip(request):
    return upstream.accepts_gzip(request)


def is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A CSRF token was put into the page (a form that posts): it belongs to one visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if getattr(request, "is_preview", False) or (user is not None and user.is_authenticated):
        return False
    directives = upstream.cache_control_directives(response)
    return not directives & UNCACHEABLE_DIRECTIVES and response.get("Vary") != "*"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; keep what is safe to share.

    Sits after the session and locale middleware (the language is part of the key) and before
    the CSRF middleware, so a page that sets the CSRF cookie is seen with it and not kept.
    ``PAGE_CACHE_SECONDS = 0`` turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not timeout or request.method != "GET" or not is_anonymous_request(request):
            return self.get_response(request)
        key = cache_key(request)
        kept = kept_response(key)
        if kept is not None:
            kept.response["X-Page-Cache"] = "hit"
            return kept.response
        response = self.get_response(request)
        if is_cacheable(request, response):
            if getattr(settings, "WAGTAILFRONTENDCACHE", None):
                # A CDN may keep it as long as we do; publishing purges the page there too.
                patch_cache_control(response, public=True, s_maxage=timeout)
            keep_response(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response
