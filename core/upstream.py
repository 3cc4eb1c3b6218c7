"""Every place this project relies on an internal of Wagtail, wagtail-localize, modelsearch,
modelcluster, Django or Pillow (a private name, an undocumented function or class, a monkeypatch,
a value put where a cached property keeps it). The rest of the code calls only the functions
here; core/tests/test_upstream.py checks each assumption, so an upgrade that changes one fails
there first, under the name of the function to revisit.

Monkeypatches are applied by the ``patch_*`` functions, from ``performance.apps``."""

import functools
import json
from functools import lru_cache

from django.apps import apps as global_apps
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.management import create_permissions
from django.core.handlers.wsgi import WSGIRequest
from django.db.migrations.state import StateApps
from django.db.models import Exists, F, OuterRef, Prefetch
from django.http.request import split_domain_port
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.shortcuts import render
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language
from modelsearch.tasks import insert_or_update_object_task
from PIL import Image as PILImage
from wagtail import hooks
from wagtail.admin.widgets import Button, ButtonWithDropdownFromHook
from wagtail.blocks.base import BlockWidget
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    PageLogEntry,
    PagePermissionTester,
    ReferenceIndex,
    Site,
    WorkflowState,
)
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.utils import normalise_query_string
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue
from wagtail_localize.views.convert import convert_to_alias as localize_convert_to_alias
from wagtail_localize.views.edit_translation import edit_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView as SubmitPageTranslationView,
)
from wagtail_localize.views.submit_translations import (
    SubmitSnippetTranslationView as SubmitSnippetTranslationView,
)
from wagtail_localize.views.submit_translations import SubmitTranslationView
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm as UpdateTranslationsForm,
)
from wagtail_localize.views.update_translations import (
    UpdateTranslationsView as UpdateTranslationsView,
)

# --- Django's transactions ---


def pending_on_commit(connection, callback_class):
    """The callback of ``callback_class`` that waits for the connection's transaction to commit,
    or None. Django keeps them in ``run_on_commit`` as (savepoint ids, callback, robust), and
    drops those of a transaction or savepoint rolled back."""
    for _savepoint_ids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, callback_class):
            return callback
    return None


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


# --- Images ---

# Wagtail's parse of a filter spec, taken before ``patch_image_filters_to_share_parses``.
WAGTAIL_FILTER_OPERATIONS = Filter.__dict__["operations"]


@lru_cache(maxsize=1024)
def parsed_filter_operations(spec):
    return WAGTAIL_FILTER_OPERATIONS.func(Filter(spec=spec))


def patch_image_filters_to_share_parses():
    """Each image filter spec is parsed once per process, not once per image tag.

    Wagtail builds a new ``Filter`` for every ``{% picture %}``/``{% image %}`` call and parses
    its spec ("fill-400x267|format-webp") into operation objects with ``inspect.getcallargs``,
    a noticeable part of rendering a listing of cards. The operations depend only on the spec
    and on the operations registered at start-up, and are never changed once constructed, so
    one parse can serve every ``Filter`` with the same spec."""
    Filter.operations = property(lambda filter: parsed_filter_operations(filter.spec))


def expand_filter_spec(spec):
    """The filter specs a ``{% picture %}`` spec with braces stands for: "fill-{400x267,800x533}"
    is ["fill-400x267", "fill-800x533"]."""
    return Filter.expand_spec(spec)


def focal_point_key(image, filter_spec):
    """The key Wagtail stores a rendition of ``filter_spec`` under for the image's current
    focal point (``Rendition.focal_point_key``)."""
    return Filter(spec=filter_spec).get_cache_key(image)


def filter_vary_fields(filter_spec):
    """The image fields a rendition of ``filter_spec`` depends on besides its file: the
    ``vary_fields`` of the spec's operations (the focal point for crops)."""
    return tuple(
        field
        for operation in Filter(spec=filter_spec).operations
        for field in getattr(operation, "vary_fields", ())
    )


def rendition_or_not_found(image, filter_spec):
    """The image's rendition, made if missing; where the original file is gone, Wagtail's
    stand-in "not found" rendition instead of an error, as ``{% image %}`` gives it."""
    return get_rendition_or_not_found(image, filter_spec)


def renditions_or_not_found(image, filter_specs):
    """The image's renditions by spec, made if missing, as ``{% picture %}`` gets them."""
    return get_renditions_or_not_found(image, filter_specs)


def picture_markup(renditions, attrs):
    """Wagtail's ``<picture>`` markup of renditions by spec (``{% picture %}``); Wagtail adds
    ``srcset`` to ``attrs``."""
    return Picture(renditions, attrs).__html__()


def renditions_by_format(renditions):
    """``{% picture … as x %}``'s ``x.formats``: the renditions grouped by format."""
    return Picture(renditions).formats


def patch_pillow_avif_encoder_speed(speed):
    """Wagtail and Willow pass AVIF's quality but not its encoder speed: Pillow's AVIF writer
    is wrapped to default to ``speed``. Pillow keeps its writers by format in ``Image.SAVE``
    and gives a writer the save options in ``image.encoderinfo``."""
    PILImage.init()  # registers Pillow's own AVIF writer now, so that it is not registered later
    save_avif = PILImage.SAVE.get("AVIF")
    if save_avif is None:  # a Pillow built without AVIF
        return

    def save(image, fp, filename):
        image.encoderinfo.setdefault("speed", speed)
        save_avif(image, fp, filename)

    PILImage.register_save("AVIF", save)


# --- Spreadsheet exports ---


def with_safe_csv_cells(view_class, make_safe):
    """A subclass of a Wagtail view with spreadsheet export (``SpreadsheetExportMixin``, e.g. the
    form submissions' ``SubmissionsListView``) whose CSV cells are passed through ``make_safe``
    once Wagtail has made them text: its undocumented ``preprocess_field_value`` turns each
    value (lists joined) into what is written. XLSX needs nothing: Wagtail writes a cell that
    looks like a formula as text."""

    class SafeCsvView(view_class):
        def preprocess_field_value(self, field, value, export_format):
            value = super().preprocess_field_value(field, value, export_format)
            if export_format == self.FORMAT_CSV and isinstance(value, str):
                return make_safe(value)
            return value

    SafeCsvView.__name__ = SafeCsvView.__qualname__ = f"SafeCsv{view_class.__name__}"
    return SafeCsvView


# --- Permissions, snippets, settings ---


def has_collection_permission(policy, user, actions, collection=None):
    """Whether ``user`` holds any of ``actions`` of a collection permission policy's model, in
    ``collection`` (or in some collection)."""
    return policy._check_perm(user, actions, collection=collection)


def collections_with_permission(policy, user, actions):
    """The collections where ``user`` holds any of ``actions`` of the policy's model."""
    return policy._collections_with_perm(user, actions)


def snippet_models():
    """The models registered as snippets (so far: apps register theirs in wagtail_hooks)."""
    return get_snippet_models()


def snippet_and_setting_models():
    """Every model registered as a snippet or a settings page, once every app's admin hooks
    have registered theirs."""
    from wagtail.contrib.settings.registry import registry as settings_registry

    hooks.search_for_hooks()
    return set(get_snippet_models()) | set(settings_registry)


def snippet_model_from_url(app_label, model_name):
    """The snippet model of an admin URL's ``app_label`` and ``model_name`` (404 if none)."""
    return get_snippet_model_from_url_params(app_label, model_name)


def is_historical_apps(apps):
    """Whether ``apps`` is a migration's historical state rather than the current models."""
    return isinstance(apps, StateApps)


def create_model_permissions(apps, app_label, using):
    """Django's model permissions of an app, made now rather than after all migrations
    (post_migrate). Django skips an app without a models module, as every app of a migration's
    historical state is: such an app is given one for the call."""
    app_config = apps.get_app_config(app_label)
    historical = is_historical_apps(apps)
    if historical:
        app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    finally:
        if historical:
            app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in app_config.get_models():
        opts = model._meta
        for action in snippet_extra_actions(opts.label):
            content_type, _created = ContentType.objects.db_manager(using).get_or_create(
                app_label=opts.app_label, model=opts.model_name
            )
            Permission.objects.db_manager(using).get_or_create(
                content_type=content_type,
                codename=get_permission_codename(action, opts),
                defaults={"name": f"Can {action} {opts.verbose_name_raw}"},
            )


def revision_locale_id(revision):
    """The locale of the object a revision holds, read from Wagtail's serialised content (the
    object need not be loaded: its field values are in ``Revision.content`` by name)."""
    return (revision.content or {}).get("locale")


def snippet_extra_actions(model_label):
    """The permissions Wagtail gives a snippet model besides Django's, after all migrations
    (``wagtail.snippets.models.create_extra_permissions``): "publish" for a model with drafts,
    "lock" and "unlock" for one that can be locked. Asked of the current model, so that a
    migration can grant them before post_migrate makes them."""
    try:
        model = global_apps.get_model(model_label)
    except LookupError:
        return ()
    if model not in get_snippet_models():
        return ()
    actions = ()
    if issubclass(model, DraftStateMixin):
        actions += ("publish",)
    if issubclass(model, LockableMixin):
        actions += ("lock", "unlock")
    return actions


# The page's comments, which saving a draft writes with the page.
PAGE_COMMENTS_RELATION = COMMENTS_RELATION_NAME


def admin_sign_in_page(request, username, next_url, status):
    """Wagtail's admin sign-in page with ``username`` filled in, as its login view shows it."""
    from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

    user_model = get_user_model()
    return render(
        request,
        "wagtailadmin/login.html",
        {
            "form": get_user_login_form()(request, initial={"username": username}),
            "next": next_url,
            "show_password_reset": password_reset_enabled(),
            "username_field": user_model._meta.get_field(user_model.USERNAME_FIELD).verbose_name,
        },
        status=status,
    )


# --- Search ---


def reindex_object(model, pk):
    """Index one object again: the task Wagtail itself runs when a page is saved (inline unless
    a task worker is set up)."""
    insert_or_update_object_task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))


def indexed_models():
    """Every model with search fields."""
    return index.get_indexed_models()


def related_search_fields(model, search_fields):
    """(field name, Django field, nested search fields) of each ``index.RelatedFields`` among
    ``search_fields`` of ``model``."""
    for search_field in search_fields:
        if isinstance(search_field, index.RelatedFields):
            yield search_field.field_name, search_field.get_field(model), search_field.fields


def normalised_query(query_string):
    """A search as Wagtail stores it for search promotions and the searches report."""
    return normalise_query_string(query_string)


def sqlite_full_text_search_available():
    """Whether SQLite has FTS5, without which modelsearch searches with LIKE."""
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def postgres_search_classes():
    """modelsearch's PostgreSQL index, backend, query compiler and lexeme, which
    ``search.backends`` extends (only importable with PostgreSQL's driver installed)."""
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    return PostgresIndex, PostgresSearchBackend, PostgresSearchQueryCompiler, Lexeme


def sqlite_search_classes():
    """modelsearch's SQLite FTS5 backend and query compiler, which ``search.backends`` extends."""
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    return SQLiteSearchBackend, SQLiteSearchQueryCompiler


def postgres_rank(compiler, config):
    """The relevance by which modelsearch's PostgreSQL search orders its results (title and body
    weighted), for a query of ``compiler``, on a queryset of the index entries themselves:
    modelsearch's vectors are lookups from the indexed model through ``index_entries``."""
    search_query = compiler.build_tsquery(compiler.query, config=config)

    def on_entry(value):
        if isinstance(value, F) and value.name.startswith(f"{INDEX_ENTRIES}__"):
            return F(value.name.removeprefix(f"{INDEX_ENTRIES}__"))
        return value

    vectors = [
        (on_entry(vector), on_entry(boost))
        for vector, boost in compiler.get_index_vectors(search_query)
    ]
    return compiler._build_rank_expression(vectors, config)


def index_entries_of(model):
    """modelsearch's index entries (PostgreSQL's table: title and body vectors, an object's
    primary key as text in ``object_id``), reached from ``model``'s relation to them."""
    return model._meta.get_field(INDEX_ENTRIES).related_model.objects.all()


# A page's indexed text, from modelsearch's index table.
INDEX_ENTRIES = "index_entries"
INDEXED_BODY_TEXT = f"{INDEX_ENTRIES}__body_text"


# --- HTTP ---


def accepts_gzip(request):
    """The test Django's GZipMiddleware makes before compressing."""
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def cache_control_directives(response):
    """The names of the directives of the response's Cache-Control header, lower case."""
    return {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def is_preview_request(request):
    """Whether Wagtail made ``request`` up to render a preview in the admin
    (``make_preview_request`` marks it)."""
    return getattr(request, "is_dummy", False)


def request_for_page(page):
    """A request as one to ``page``'s own address would be (its site's host and scheme, as
    Wagtail builds it for previews), for work outside a request that writes absolute links:
    a publish by the scheduler, say."""
    return WSGIRequest(page._get_dummy_headers())


# Extended by performance.compression: its ``process_response``.
CompressingMiddleware = GZipMiddleware


def with_page_status_states(pages):
    """``pages`` with what a page's status ("live + in moderation", "scheduled") reads,
    loaded with the rows: ``approved_schedule`` reads ``_approved_schedule``, and
    ``workflow_in_progress`` the list ``_current_workflow_states``, as Wagtail's explorer loads
    them (``annotate_approved_schedule``, ``prefetch_workflow_states``). The pages listed must
    be specific (the chooser's are): their workflow states are found by their own type."""
    return pages.annotate_approved_schedule().prefetch_related(
        Prefetch(
            "_specific_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        )
    )


class PageQuerySetWithParents(PageQuerySet):
    """Pages that come with their parents and the parents' languages, loaded for all of them
    when the pages are: treebeard's ``get_parent`` returns ``_cached_parent_obj`` when set,
    and Wagtail's ``annotate_parent_page`` finds the parents of a list of pages (as
    ``_parent_page``). The class stays through the chooser's filters and search (querysets
    clone their class)."""

    def _fetch_all(self):
        loaded = self._result_cache is not None
        super()._fetch_all()
        if not loaded and self._result_cache and isinstance(self._result_cache[0], Page):
            Page.objects.annotate_parent_page(self._result_cache)
            locales = Locale.objects.in_bulk()
            for page in self._result_cache:
                page._cached_parent_obj = page._parent_page
                if page._parent_page is not None:
                    page._parent_page.locale = locales[page._parent_page.locale_id]


def with_parents_loaded(pages):
    """``pages`` (a page queryset) whose parents are loaded with them when listed."""
    pages = pages.all()
    pages.__class__ = PageQuerySetWithParents
    return pages


def admin_root_page_of(user):
    """The page the dashboard's site summary counts from for ``user``: the root of the pages
    they may explore (Wagtail's ``get_site_for_user``, which ``PagesSummaryItem`` asks;
    its module needs the models loaded)."""
    from wagtail.admin.navigation import get_site_for_user

    root_page = get_site_for_user(user)["root_page"]
    return root_page.pk if root_page else None


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


def create_translations(instance, locales):
    """Start the translations of ``instance`` (and of the snippets it uses) into ``locales``, as
    "Translate this page" does; the translation records made, source by source."""
    creator = TranslationCreator(user=None, target_locales=locales)
    creator.create_translations(instance)
    return [
        translation for translations in creator.mappings.values() for translation in translations
    ]


def localize_page_listing_buttons():
    """wagtail-localize's "Translate this page" and "Sync translated pages" buttons, a function
    of its ``wagtail_hooks`` registered for the explorer's rows and for the page header.
    Importing the module registers its hooks, if Wagtail has not loaded them yet."""
    from wagtail_localize import wagtail_hooks as localize_hooks

    return localize_hooks.page_listing_more_buttons


def row_actions_shape_and_texts(dropdown):
    """What Wagtail's templates read of a page row's "More" dropdown (``ButtonWithDropdownFromHook``
    in ``_button_with_dropdown.html``, ``button_with_dropdown.html`` and ``dropdown.html``) and
    of its buttons (``Button`` in ``button.html``, with ``{% icon %}``), split in two: the shape,
    which rows share, and the texts that differ from row to row (the toggle's aria-label, each
    button's URL), each written once in the markup and escaped. None for a dropdown whose
    buttons are not all plain ``Button``."""
    if dropdown.template_name != ButtonWithDropdownFromHook.template_name:
        return None
    buttons = sorted(dropdown.dropdown_buttons)
    if any(type(button) is not Button for button in buttons):
        return None
    shape = (
        dropdown.template_name,
        get_language(),
        str(dropdown.label),
        dropdown.classname,
        dropdown.icon_name,
        dropdown.base_attrs_string,
        bool(dropdown.aria_label),
        # A plain button's ``base_attrs_string`` is its ``attrs``, quicker to compare.
        tuple(
            (str(button.label), button.icon_name, button.classname, tuple(button.attrs.items()))
            + (bool(button.url),)
            for button in buttons
        ),
    )
    texts = [dropdown.aria_label] if dropdown.aria_label else []
    texts += [button.url for button in buttons if button.url]
    return shape, texts


def row_actions_with_texts(dropdown, texts):
    """A copy of a row's "More" dropdown showing ``texts`` in place of its own (in the order of
    ``row_actions_shape_and_texts``), which Wagtail renders as its own."""
    texts = iter(texts)
    copy = ButtonWithDropdownFromHook.__new__(ButtonWithDropdownFromHook)
    copy.__dict__.update(dropdown.__dict__, attrs=dict(dropdown.attrs))
    if dropdown.aria_label:
        copy.attrs["aria-label"] = next(texts)
    buttons = []
    for button in sorted(dropdown.dropdown_buttons):
        button_copy = Button.__new__(Button)
        button_copy.__dict__.update(button.__dict__)
        if button.url:
            button_copy.url = next(texts)
        buttons.append(button_copy)
    copy.__dict__["dropdown_buttons"] = buttons
    return copy


def may_delete_leaf_page(tester):
    """``PagePermissionTester.can_delete`` for a page without children, from the page's own
    fields: the pages Wagtail would ask the database about (the page and its descendants) are
    the page alone. Wagtail's rules, in the same order."""
    permissions = tester.permissions
    page, user = tester.page, tester.user
    if "change" in permissions:
        return "publish" in permissions or not page.live
    if "add" in permissions:
        if "publish" in permissions:
            return page.owner_id == user.pk
        return not page.live and page.owner_id == user.pk
    return False


def patch_leaf_page_delete_check():
    """Wagtail's ``can_delete`` (which ``can_move`` asks too) queries whether the page and its
    descendants hold a live page, or one of another owner, even for a page without children:
    two queries per row of the explorer for an editor, whose "Move" and "Delete" depend on it.
    For a page without children (``numchild``, which Wagtail's own check of ``bulk_delete``
    reads too) ``may_delete_leaf_page`` answers from the page's fields."""
    original = PagePermissionTester.can_delete
    if getattr(original, "__wrapped__", None):
        return

    @functools.wraps(original)
    def can_delete(self, ignore_bulk=False):
        if (
            self.page.numchild
            or self.page_is_root
            or not self.user.is_active
            or self.user.is_superuser
        ):
            return original(self, ignore_bulk)
        return may_delete_leaf_page(self)

    PagePermissionTester.can_delete = can_delete


def page_owners(request=None):
    """The users who own a page: one index look-up per user."""
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def page_editors(request=None):
    """The users who have edited a page: one index look-up per user."""
    edits = PageLogEntry.objects.filter(action="wagtail.edit", user=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(edits))


# The page listings' filters whose choices are users, and Wagtail's own ways of finding them.
PAGE_USER_FILTERS = {"owner": page_owners, "edited_by": page_editors}
wagtails_page_user_filters = {}


def patch_page_user_filters():
    """The explorer's "Owner" and "Edited by" filters offer the users who own or edited a page,
    which Wagtail finds by reading the owner of every page (and every edit) for its DISTINCT
    users, on every visit of a listing: a time that grows with the site. ``page_owners`` and
    ``page_editors`` find the same users, asking of each one whether they own or edited a page.
    The filters are those Wagtail declares on ``PageFilterSet``, shared with its subclasses."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    for name, users in PAGE_USER_FILTERS.items():
        user_filter = PageFilterSet.declared_filters[name]
        if user_filter.queryset is not users:
            wagtails_page_user_filters[name] = user_filter.queryset
            user_filter.queryset = users


# The packed definitions of StreamField blocks, by block and language (see below).
packed_block_definitions = {}
PACKED_BLOCK_DEFINITIONS_BOUND = 256


def patch_block_definitions_packed_once():
    """Wagtail packs a StreamField's block definitions (every child block, its labels, help
    texts, widgets) into the JSON its editor starts from each time a page editor opens: a tenth
    of the editor's time. The definition is a constant of the block (declared with the page
    type) and of the language of its labels, so ``BlockWidget._build_block_json``, which keeps
    the JSON and its media on the widget (``_block_json``, ``_js_context``), is done once per
    block and language per process. A block made afresh (not kept by its page type) is packed
    anew: it is looked up by identity."""
    original = BlockWidget._build_block_json
    if getattr(original, "__wrapped__", None):
        return

    @functools.wraps(original)
    def _build_block_json(self):
        key = (id(self.block_def), get_language())
        packed = packed_block_definitions.get(key)
        if packed is None or packed[0] is not self.block_def:
            original(self)
            if len(packed_block_definitions) >= PACKED_BLOCK_DEFINITIONS_BOUND:
                packed_block_definitions.clear()
            packed_block_definitions[key] = (self.block_def, self._js_context, self._block_json)
        else:
            _block, self._js_context, self._block_json = packed

    BlockWidget._build_block_json = _build_block_json


def replace_hook(hook_name, registered, replacement):
    """Put ``replacement`` where ``registered`` is among the functions of ``hook_name``, in
    the same order. Wagtail has no public way to withdraw another app's hook; its registry is
    ``wagtail.hooks._hooks``, a list of (function, order) by hook name."""
    hooks._hooks[hook_name] = [
        (replacement if function is registered else function, order)
        for function, order in hooks._hooks[hook_name]
    ]


# wagtail-localize's submit and update views and form (imported above) are extended by
# editorial.translation_sources: their ``get_form``, ``form_valid`` and ``post``, the submit
# form's ``locales`` and ``include_subtree`` fields, the update form's ``publish_translations``.


def dispatch_submit_view_without_permission_check(view, request, *args, **kwargs):
    """A submit translation view's ``dispatch`` without its check of wagtail-localize's "submit
    translation" permission (the caller checks its own). Besides the check, wagtail-localize's
    ``dispatch`` only sets up the object and the components, which is done here."""
    view.object = view.get_object()
    view.components = TranslationComponentManager.from_request(
        request, source_object_instance=view.object
    )
    return super(SubmitTranslationView, view).dispatch(request, *args, **kwargs)


# The element of wagtail-localize's translation editor template that our override
# (editorial/templates/wagtail_localize/admin/edit_translation.html) inserts before.
TRANSLATION_EDITOR_MARKUP = '<div class="js-translation-editor"'


def translation_editor_props(props, *, may_convert_to_alias, last_published):
    """The props (JSON) wagtail-localize's translation editor view gives its script, without
    "Convert to alias page" unless ``may_convert_to_alias``, and showing ``last_published`` (text)
    as the date of the last publication when given."""
    props = json.loads(props)
    if not may_convert_to_alias:
        props["links"]["convertToAliasUrl"] = None
    if last_published:
        props["object"]["lastPublishedDate"] = last_published
    return json.dumps(props)


def text_segment(path, text):
    """A segment of translatable text, for a block's ``get_translatable_segments``."""
    return StringSegmentValue(path, text)


def text_segments_of(instance):
    """(content path, HTML) of each piece of translatable text of ``instance``, in page order,
    as wagtail-localize extracts them into a translation source."""
    return [
        (segment.path, segment.string.data)
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]


def text_of_segment(html):
    """The plain text of a segment's HTML, as wagtail-localize shows it to translators."""
    return StringValue(html).render_text()


def patch_localize_instance_edit_check(may_edit_instance):
    """wagtail-localize's translation views (a segment's translation, overrides, PO upload,
    machine translation, stopping a translation) ask ``user_can_edit_instance``, which for a
    snippet is the model-wide right to change it. ``may_edit_instance(user, instance)`` is
    asked as well."""
    from wagtail_localize.views import edit_translation as views

    original = views.user_can_edit_instance
    if getattr(original, "__wrapped__", None):
        return

    @functools.wraps(original)
    def user_can_edit_instance(user, instance):
        return original(user, instance) and may_edit_instance(user, instance)

    views.user_can_edit_instance = user_can_edit_instance


def patch_localize_snippet_status_panel():
    """wagtail-localize's translation editor (1.14) gives a snippet Wagtail's generic
    ``StatusSidePanel``, not the ``SnippetStatusSidePanel`` of Wagtail's own snippet editor,
    which takes the snippet's revision, workflow and lock URLs from the edit view. Without them
    the status panel of a snippet translation in review fails to render (``{% url %}`` of an
    empty ``revisions_compare_url_name``): the panel of a snippet gets them from its viewset."""
    from django.contrib.admin.utils import quote
    from django.urls import reverse
    from wagtail.admin.ui.side_panels import StatusSidePanel
    from wagtail.models import RevisionMixin

    original = StatusSidePanel.get_context_data

    def get_context_data(self, parent_context):
        context = original(self, parent_context)
        viewset = getattr(self.object, "snippet_viewset", None)
        if type(self) is not StatusSidePanel or viewset is None or not self.object.pk:
            return context
        pk = quote(self.object.pk)

        def url(name):
            return reverse(viewset.get_url_name(name), args=[pk])

        context.update(
            revision_enabled=isinstance(self.object, RevisionMixin),
            draftstate_enabled=isinstance(self.object, DraftStateMixin),
            revisions_compare_url_name=viewset.get_url_name("revisions_compare"),
            workflow_history_url=url("workflow_history"),
            lock_url=url("lock") if isinstance(self.object, LockableMixin) else None,
            unlock_url=url("unlock") if isinstance(self.object, LockableMixin) else None,
        )
        context["status_templates"] = self.get_status_templates(context)
        return context

    if not getattr(StatusSidePanel.get_context_data, "__wrapped__", None):
        get_context_data.__wrapped__ = original
        StatusSidePanel.get_context_data = get_context_data


def check_image_upload_first(field, check):
    """Run ``check(uploaded)`` in Wagtail's image upload ``field`` (of one form) before its own
    format check, ``check_image_file_format`` (undocumented), which is given the upload opened
    by Willow (``uploaded.image``) and compares the extension with the format Willow guessed."""
    own_check = field.check_image_file_format

    def check_image_file_format(uploaded):
        check(uploaded)
        own_check(uploaded)

    field.check_image_file_format = check_image_file_format
