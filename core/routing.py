"""Routing a page address in two queries (the page's ancestors and the page itself; the site
comes from the cache), where Wagtail's walk down the tree takes one for the site, two for each
level of the address, one for the language's home page and one for the language. View
restrictions cost none (``core.privacy`` keeps them per structure version).

The result is the one ``Page.route_for_request`` gives, which is where Wagtail looks for it
first (``upstream.remember_route_on_request``): a routable page on the way still answers its
own sub-addresses (the schedule's ``past/``) before its children do.

Which page answers an address is then kept in the cache per structure version, as the site is:
it changes only when a page goes live or not, is renamed, moved or deleted, or a view
restriction or a site is saved, and each of those moves that version on
(``performance.invalidation``). The page itself, with its content, is kept per content version.
The page's own listings are still read on every request.
"""

import hashlib
import operator
from functools import reduce

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core import upstream
from core.caching import content_version, kept_per_content_version, structure_version


def serve(request, path):
    if not upstream.site_is_known(request):
        upstream.remember_site_on_request(request, site_for_request(request))
    if not upstream.route_is_known(request):
        try:
            route = route_for_request(request, path)
        except Http404:
            route = None
        upstream.remember_route_on_request(request, route)
    return wagtail_serve(request, path)


# The site of a host that has none: no site answers it (distinct from "not looked up yet").
NO_SITE = "none"


def site_for_request(request):
    """The site answering the request's host and port, as ``Site.find_for_request`` finds it,
    which queries the database on every request. Kept in the cache per structure version, which
    saving or deleting a site moves on."""
    hostname = upstream.request_hostname(request)
    site = kept_per_content_version(
        f"site:{hostname}:{request.get_port()}",
        structure_version(),
        lambda: upstream.find_site_for_request(request) or NO_SITE,
    )
    return None if site == NO_SITE else site


def route_for_request(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    # An address can be long and hold any character; a cache key should not.
    digest = hashlib.sha256(path.encode()).hexdigest()
    key = f"{site.pk}:{get_language()}:{digest}"

    def address():
        return kept_per_content_version(
            f"address:{key}", structure_version(), lambda: address_of(site, path)
        )

    # The page with its content, per content version; which page it is and the pages above it,
    # per structure version, so that after new content for a live page only the page itself is
    # read again. Not found (a 404) raises and is not kept: unknown addresses must not fill the
    # cache.
    page, remaining = kept_per_content_version(
        f"route:{key}", content_version(), lambda: page_at(*address())
    )
    return page.route(request, remaining)


def address_of(site, path):
    """The pages from the top of the tree to the page that answers ``path`` under ``site``
    (generic pages, the last one that page), and the components of the path that are its own
    sub-address (a routable page's view), or ``[]`` if the page itself is asked for."""
    root = site.root_page
    components = [component for component in path.split("/") if component]
    pages = list(
        Page.objects.filter(
            reduce(
                operator.or_,
                [
                    # The pages above the site root (by path, which is indexed).
                    Q(
                        path__in=[
                            root.path[: Page.steplen * depth] for depth in range(1, root.depth)
                        ]
                    ),
                    Q(pk=root.pk),
                    # The site root in the visitor's language ("localized").
                    Q(translation_key=root.translation_key, locale__language_code=get_language()),
                    *(
                        Q(depth=root.depth + level + 1, slug=slug)
                        for level, slug in enumerate(components)
                    ),
                ],
            )
        )
    )
    home = next(
        (
            page
            for page in pages
            if page.translation_key == root.translation_key and page.pk != root.pk and page.live
        ),
        None,
    ) or next(page for page in pages if page.pk == root.pk)
    chain = [page for page in pages if page.depth < home.depth and home.path.startswith(page.path)]
    chain.append(home)
    for level, slug in enumerate(components):
        parent = chain[-1]
        page = next(
            (
                candidate
                for candidate in pages
                if candidate.depth == parent.depth + 1
                and candidate.slug == slug
                and candidate.path.startswith(parent.path)
            ),
            None,
        )
        if page is None:
            raise Http404
        upstream.remember_parent(page, parent)
        chain.append(page)
        remaining = components[level + 1 :]
        if remaining and page.live and routes_subpage(page.specific_class, remaining):
            return chain, remaining
    return chain, []


def page_at(chain, remaining):
    """The page at the end of ``chain`` (``address_of``), read with what serving it needs, its
    parent and breadcrumbs from the chain; and ``remaining``."""
    found = chain[-1]
    page_class = found.specific_class or Page
    served = page_class.objects.select_related(
        "locale", *getattr(page_class, "serve_select_related", ())
    ).get(pk=found.pk)
    if len(chain) > 1:
        upstream.remember_parent(served, chain[-2])
    upstream.set_cached_property(
        served, "breadcrumb_ancestors", [page for page in chain[:-1] if page.depth > 1]
    )
    return served, remaining


def routes_subpage(page_class, path_components):
    """Whether a routable page type has a view of its own for these path components."""
    if page_class is None or not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        upstream.subpage_resolver(page_class).resolve("/" + "/".join(path_components) + "/")
    except Http404:
        return False
    return True
