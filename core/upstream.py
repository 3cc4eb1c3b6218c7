"""Every place this project relies on an internal of Wagtail, wagtail-localize, modelsearch,
modelcluster, Django or Pillow (a private name, an undocumented function or class, a monkeypatch,
a value put where a cached property keeps it). The rest of the code calls only the functions
here; core/tests/test_upstream.py checks each assumption, so an upgrade that changes one fails
there first, under the name of the function to revisit.

Monkeypatches are applied by the ``patch_*`` functions, from ``performance.apps``."""


from django.http.request import split_domain_port
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.query import PageQuerySet
from wagtail_localize.models import Translation
from wagtail_localize.views.convert import convert_to_alias as localize_convert_to_alias
from wagtail_localize.views.edit_translation import edit_translation

# --- Objects kept on instances ---


def set_cached_property(obj, name, value):
    """Give ``obj`` the value of its cached property ``name`` without computing it (values
    loaded for a whole listing at once). Django's ``cached_property`` keeps the value in the
    instance's ``__dict__`` under its own name and reads it from there."""
    obj.__dict__[name] = value


def in_memory_child_relations(instance):
    """The child relations (inline panels, parental many-to-many fields) that a preview or an
    unsaved form holds in memory rather than in the database, by relation name: modelcluster
    keeps them on the instance."""
    return getattr(instance, "_cluster_related_objects", {})


# --- Sites and routing ---


def request_hostname(request):
    """The request's host name, as Wagtail reads it to find the site: without Django's
    ALLOWED_HOSTS check, which answers a request for an unknown host with an error."""
    return split_domain_port(request._get_raw_host())[0]


def find_site_for_request(request):
    """The site answering the request, looked up in the database (``Site.find_for_request``
    without its per-request memory)."""
    return Site._find_for_request(request)


def site_is_known(request):
    """Whether ``Site.find_for_request`` knows the request's site already."""
    return hasattr(request, "_wagtail_site")


def remember_site_on_request(request, site):
    """``Site.find_for_request`` (and so Wagtail's serve view, settings, menus) answers
    ``site`` for this request without a query."""
    request._wagtail_site = site


def route_is_known(request):
    """Whether ``Page.route_for_request`` knows the request's route already."""
    return hasattr(request, "_wagtail_route_for_request")


def remember_route_on_request(request, route):
    """``Page.route_for_request`` (which Wagtail's serve view asks) answers ``route``, a
    ``page.route()`` result or None for "not found", without walking down the tree."""
    request._wagtail_route_for_request = route


def remember_parent(page, parent):
    """``page.get_parent()`` answers ``parent`` without a query: treebeard keeps the parent it
    found on the page, and Wagtail sets it too when it routes."""
    page._cached_parent_obj = parent


def subpage_resolver(page_class):
    """The URL resolver of a routable page type's own views (``RoutablePageMixin``)."""
    return page_class.get_resolver()


def site_root_paths(page, request=None):
    """The (site id, root path, root URL, language code) of every site ``page`` is under, as
    ``Page.get_url_parts`` works them out (kept on the request when there is one)."""
    return page._get_relevant_site_root_paths(request)


def page_queryset_with_private_pages(private_pages_q):
    """Wagtail's ``PageQuerySet`` whose ``public()`` and ``not_public()`` take the private
    pages from ``private_pages_q()`` instead of the view restrictions' own subtrees: Wagtail
    builds both from its undocumented ``private_q``."""

    class PrivatePagesQuerySet(PageQuerySet):
        def private_q(self):
            return private_pages_q()

    return PrivatePagesQuerySet


# --- wagtail-localize ---


def enabled_translation_of(page):
    """The translation record whose target is ``page``, as wagtail-localize's editor finds it."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def translation_editor(request, translation, page):
    """wagtail-localize's translation editor for ``page`` (its view takes the records, no URL)."""
    return edit_translation(request, translation, page)


def convert_page_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" (confirm on GET, convert on POST)."""
    return localize_convert_to_alias(request, page_id)


def live_pages_using(obj):
    """The live pages whose published content refers to ``obj`` (an image, a document)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()])
