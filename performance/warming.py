"""Pages a change touched, rendered again in the background before a visitor asks for them.

A change moves the content version on, so every kept page is rendered afresh on its next visit.
When a page is published, moved or unpublished, the task queue's worker asks the site for the
page, the listings above it, and the pages visitors open first (every language's home page and
the sections of its menu), as an anonymous visitor would: the
page cache then holds them before the first visitor comes (in every process with a shared cache,
Redis; in the one that answered without it). ``SITE_WARM_URL`` is where the worker reaches the
site (``make run``: the development server; compose: the web service); unset, nothing is asked.
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_tasks import task
from wagtail.models import Page

from core import upstream
from core.models import private_pages_q

logger = logging.getLogger(__name__)
# A page that takes longer is rendered by its first visitor anyway.
TIMEOUT_SECONDS = 10


class PagesToWarm:
    """The on-commit callback of one transaction: the pages its changes touched. The task is
    queued once, after the content version has moved on (that callback was registered first)."""

    def __init__(self, page_ids):
        self.page_ids = set(page_ids)

    def __call__(self):
        warm_pages.enqueue(sorted(self.page_ids))


def warm_after_commit(page_ids):
    """Ask for ``page_ids`` (and the listings above them, and the home pages) once the current
    transaction commits (at once outside one)."""
    if not settings.SITE_WARM_URL:
        return
    connection = transaction.get_connection()
    pending = connection.in_atomic_block and upstream.pending_on_commit(connection, PagesToWarm)
    if pending:
        pending.page_ids.update(page_ids)
    else:
        transaction.on_commit(PagesToWarm(page_ids))


def paths_to_warm(page_ids):
    """The addresses of the pages of ``page_ids`` and of the pages above them that are live,
    and of every language's home page and the public sections of its menu: the page, its
    listings and the first pages visitors open. An unpublished page's listings are asked for
    without it."""
    shown = list(
        Page.objects.live()
        .filter(Q(depth=2) | Q(depth=3, show_in_menus=True))
        .exclude(private_pages_q())
    )
    for page in Page.objects.filter(pk__in=page_ids):
        shown += page.get_ancestors(inclusive=True).live().filter(depth__gt=2)
    # Another site's page has an absolute address: its visitors come by another host.
    return sorted({url for url in (page.get_url() for page in shown) if url and url[0] == "/"})


@task()
def warm_pages(page_ids):
    """Ask the site for the pages a change touched, as an anonymous visitor on the public
    address (``WAGTAILADMIN_BASE_URL``) with a browser's compression: the page cache keeps each
    page under that address and encoding."""
    public = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    headers = {
        "Host": public.netloc,
        "X-Forwarded-Proto": public.scheme,
        "Accept-Encoding": "gzip",
        "User-Agent": "baltic-region-page-warmer",
    }
    base = settings.SITE_WARM_URL.rstrip("/")
    for path in paths_to_warm(page_ids):
        request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
                answer.read()
        except (urllib.error.URLError, OSError) as error:
            # Not worth a retry: the page's first visitor renders it.
            logger.warning("Could not warm %s: %s", path, error)
