"""Who may see a page, and a document: view restrictions hold in every language.

An editor sets a view restriction (login, groups or a password) on one page, usually the
English original. Wagtail checks only the page the restriction is on and the pages below it, so
the Finnish and Russian translations (the same ``translation_key``), and the aliases that stand
in for pages not translated yet, would stay public. Here a restriction on a page applies to
every page with that page's translation key, to every alias of any of those, and to all their
descendants. The restriction rows stay where the editor put them (one truth, nothing mirrored
that could drift apart): the checks read them by translation key, so a password given on the
Finnish page opens the Russian one too.

The private sections (path -> ids of the restrictions on them) are worked out once per content
version, which saving or deleting a page or a restriction moves on (``performance.invalidation``),
and serve every check: ``SitePage.get_view_restrictions`` (the page, its ``.ics`` and feeds, the
password form), the ``public()`` of listings and feeds (``SitePageQuerySet.private_q``), search,
the sitemap, the menu and the language links (``private_pages_q``).

Documents follow the pages that use them (``document_serve_response``).
"""

import operator
from collections import defaultdict
from functools import reduce

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page, PageViewRestriction

from .upstream import live_pages_using

# What lets someone work with a document in the admin: they get it whatever uses it.
DOCUMENT_PERMISSIONS = ["change", "choose"]


def find_private_sections():
    """[(path, restriction ids)] of every page a restriction applies to: the pages sharing the
    translation key of a restricted page, and the aliases of those and of the pages below them
    (an alias shows its original, so it is as private). Their descendants are private too."""
    restrictions_by_key = defaultdict(set)
    for pk, key in PageViewRestriction.objects.values_list("pk", "page__translation_key"):
        restrictions_by_key[key].add(pk)
    if not restrictions_by_key:
        return []
    sections = defaultdict(set)
    for path, key in Page.objects.filter(translation_key__in=restrictions_by_key).values_list(
        "path", "translation_key"
    ):
        sections[path] |= restrictions_by_key[key]
    originals = dict(sections)
    aliases = Page.objects.filter(
        reduce(operator.or_, (Q(alias_of__path__startswith=path) for path in originals))
    ).values_list("path", "alias_of__path")
    for path, original in aliases:
        for section, ids in originals.items():
            if original.startswith(section):
                sections[path] |= ids
    return sorted((path, tuple(sorted(ids))) for path, ids in sections.items())


def private_sections():
    # The cache builds on the models.
    from core.caching import remembered_per_content_version, structure_version

    # View restrictions, moves and pages going live or not move the structure version on.
    return remembered_per_content_version(
        "private-sections", structure_version(), find_private_sections
    )


def private_pages_q():
    """Pages in a private section, in any language."""
    paths = [path for path, _ids in private_sections()]
    # A section inside another adds nothing to the condition.
    outermost = [
        path
        for path in paths
        if not any(path != other and path.startswith(other) for other in paths)
    ]
    if not outermost:
        return Q(pk__in=[])
    return reduce(operator.or_, (Q(path__startswith=path) for path in outermost))


def restriction_ids_for_path(path):
    return sorted(
        {
            pk
            for section, ids in private_sections()
            for pk in ids
            if path and path.startswith(section)
        }
    )


def view_restrictions_for(page):
    """The restrictions that apply to ``page``: no query when there are none."""
    ids = restriction_ids_for_path(page.path)
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids).order_by("pk")


def may_view(page, request):
    return all(restriction.accept_request(request) for restriction in view_restrictions_for(page))


def document_serve_response(document, request):
    """None to serve ``document``, or the answer instead of it (``before_serve_document``).

    A document is served to whoever may view at least one live page that uses it (Wagtail's
    reference index): one linked only from members' pages stays with the members, and one just
    uploaded and not used on any published page is not public yet. People who work with
    documents in the admin get them all. Anyone else gets the login or password form of a
    restricted page that uses it, or 404, which says no more than a missing document does."""
    from wagtail.documents import get_permission_policy

    user = request.user
    if user.is_authenticated and get_permission_policy().user_has_any_permission_for_instance(
        user, DOCUMENT_PERMISSIONS, document
    ):
        return None
    pages = list(live_pages_using(document).order_by("path"))
    for page in pages:
        if may_view(page, request):
            return None
    for page in pages:
        for restriction in view_restrictions_for(page):
            if not restriction.accept_request(request):
                return restriction_response(restriction, page, request)
    raise Http404


def restriction_response(restriction, page, request):
    """The login or password form that lets the visitor back to this address, as Wagtail's
    page view answers (``wagtail.wagtail_hooks.check_view_restrictions``)."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        from wagtail.forms import PasswordViewRestrictionForm

        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        )
        response = page.specific.serve_password_required_response(request, form, action_url)
    else:
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login"))
        response = redirect_to_login(request.get_full_path(), login_url)
    add_never_cache_headers(response)
    return response
