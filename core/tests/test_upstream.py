"""The internals of Wagtail, wagtail-localize, modelsearch, modelcluster, Django and Pillow that
core/upstream.py relies on. Each test names the function of core/upstream.py to revisit when an
upgrade makes it fail."""

import inspect
import io
import itertools
import json
import re
from pathlib import Path

import pytest
import wagtail_localize
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from PIL import Image as PILImage
from wagtail.admin.views.account import LoginView
from wagtail.contrib.search_promotions.models import Query
from wagtail.images import get_image_model, get_permission_policy
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PagePermissionTester, Revision, Site
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.submit_translations import SubmitTranslationForm, SubmitTranslationView

from core import upstream
from core.models import Area, AreaTaggedMixin, ContactSettings, SitePage
from core.pictures import USES

pytestmark = pytest.mark.django_db


def parameters(function):
    return list(inspect.signature(function).parameters)


def a_request(path="/", **extra):
    return RequestFactory().get(path, **extra)


def english_home():
    return Site.objects.get(is_default_site=True).root_page


# --- Objects kept on instances ---


def test_set_cached_property_is_read_back_by_djangos_cached_property():
    class Counted:
        calls = 0

        @cached_property
        def value(self):
            Counted.calls += 1
            return "computed"

    obj = Counted()
    upstream.set_cached_property(obj, "value", "given")
    assert obj.value == "given" and Counted.calls == 0
    # What it is used for: the properties listings give their pages at once.
    assert isinstance(SitePage.__dict__["breadcrumb_ancestors"], cached_property)
    assert isinstance(AreaTaggedMixin.__dict__["local_areas"], cached_property)


def test_in_memory_child_relations_holds_areas_not_saved_yet():
    from culture.models import ActivityPage

    stored = ActivityPage.objects.order_by("pk").first()
    assert "areas" not in upstream.in_memory_child_relations(stored)
    unsaved = ActivityPage(title="Choir", slug="choir")
    unsaved.areas = [Area.objects.order_by("pk").first()]
    assert "areas" in upstream.in_memory_child_relations(unsaved)


# --- Sites and routing ---


def test_request_hostname_reads_the_host_without_the_allowed_hosts_check():
    assert parameters(HttpRequest._get_raw_host) == ["self"]
    request = a_request(HTTP_HOST="not-allowed.example:8080")
    assert upstream.request_hostname(request) == "not-allowed.example"


def test_find_site_for_request_looks_the_site_up():
    assert isinstance(inspect.getattr_static(Site, "_find_for_request"), staticmethod)
    assert parameters(Site._find_for_request) == ["request"]
    request = a_request(HTTP_HOST="localhost")
    assert upstream.find_site_for_request(request) == Site.objects.get(is_default_site=True)


def test_a_site_remembered_on_the_request_is_what_wagtail_finds(django_assert_num_queries):
    request = a_request(HTTP_HOST="localhost")
    site = Site.objects.get(is_default_site=True)
    assert not upstream.site_is_known(request)
    upstream.remember_site_on_request(request, site)
    assert upstream.site_is_known(request)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_a_route_remembered_on_the_request_is_what_wagtail_routes(django_assert_num_queries):
    home = english_home()
    for route in [(home, [], {}), None]:
        request = a_request("/en/anything/", HTTP_HOST="localhost")
        assert not upstream.route_is_known(request)
        upstream.remember_route_on_request(request, route)
        assert upstream.route_is_known(request)
        with django_assert_num_queries(0):
            assert Page.route_for_request(request, "/en/anything/") is route


def test_a_remembered_parent_is_what_get_parent_gives(django_assert_num_queries):
    page = Page.objects.filter(depth=3).order_by("pk").first()
    parent = Page.objects.get(path=page.path[: Page.steplen * 2])
    upstream.remember_parent(page, parent)
    with django_assert_num_queries(0):
        assert page.get_parent() is parent


def test_subpage_resolver_resolves_a_routable_pages_own_views():
    from events.models import EventIndexPage

    resolver = upstream.subpage_resolver(EventIndexPage)
    resolver.resolve("/past/")
    with pytest.raises(Http404):  # core.routing.routes_subpage expects Http404 for "no view"
        resolver.resolve("/no-such-view/")


def test_site_root_paths_name_the_site_of_each_root():
    home = english_home()
    paths = upstream.site_root_paths(home, a_request(HTTP_HOST="localhost"))
    assert paths, "the demo home page is a site root"
    site = paths[0]
    assert site.site_id == Site.objects.get(is_default_site=True).pk
    assert home.url_path.startswith(site.root_path)
    assert hasattr(site, "root_url") and hasattr(site, "language_code")


def test_public_and_not_public_follow_the_private_q_given():
    assert "private_q" in PageQuerySet.__dict__
    home = english_home()
    queryset_class = upstream.page_queryset_with_private_pages(lambda: Q(pk=home.pk))
    pages = queryset_class(Page)
    assert not pages.public().filter(pk=home.pk).exists()
    assert list(pages.not_public().values_list("pk", flat=True)) == [home.pk]


# --- Images ---


def test_filters_share_parses_through_the_operations_attribute():
    """patch_image_filters_to_share_parses replaces ``Filter.operations``, a cached property
    Wagtail reads wherever it applies a spec."""
    assert isinstance(upstream.WAGTAIL_FILTER_OPERATIONS, cached_property)
    assert upstream.WAGTAIL_FILTER_OPERATIONS.name == "operations"
    assert parameters(upstream.WAGTAIL_FILTER_OPERATIONS.func) == ["self"]
    for reader in (
        Filter.transform_operations.fget,
        Filter.filter_operations.fget,
        Filter.get_cache_key,
    ):
        assert "self.operations" in inspect.getsource(reader), reader
    assert isinstance(Filter.__dict__["operations"], property), "performance.apps applies the patch"
    assert (
        Filter("fill-10x10|format-webp").operations is Filter("fill-10x10|format-webp").operations
    )


def test_expand_filter_spec_expands_braces_as_the_picture_tag_does():
    assert upstream.expand_filter_spec("format-{avif,webp} fill-{10x10,20x20}") == [
        "format-avif|fill-10x10",
        "format-avif|fill-20x20",
        "format-webp|fill-10x10",
        "format-webp|fill-20x20",
    ]


def test_focal_point_key_is_the_key_wagtail_stores_renditions_under():
    Rendition = get_image_model().get_rendition_model()
    rendition = (
        Rendition.objects.filter(filter_spec__contains="fill-").select_related("image").first()
    )
    assert rendition is not None, "the demo makes card renditions"
    assert (
        upstream.focal_point_key(rendition.image, rendition.filter_spec)
        == rendition.focal_point_key
    )
    assert parameters(Filter.get_cache_key) == ["self", "image"]


def test_filter_vary_fields_are_the_focal_point_for_crops_only():
    assert set(upstream.filter_vary_fields("fill-200x100|format-webp")) >= {
        "focal_point_x",
        "focal_point_y",
    }
    assert upstream.filter_vary_fields("max-200x100") == ()


def test_pictures_are_wagtails_picture_of_renditions_by_spec():
    assert parameters(get_renditions_or_not_found) == ["image", "specs"]
    assert parameters(Picture) == ["renditions", "attrs"]
    image = get_image_model().objects.order_by("pk").first()
    specs = USES["card"].filter_specs
    renditions = upstream.renditions_or_not_found(image, specs)
    assert set(renditions) == set(specs)
    attrs = {"alt": ""}
    markup = upstream.picture_markup(renditions, attrs)
    assert markup.startswith("<picture>") and 'type="image/avif"' in markup
    assert "srcset" in attrs, "Wagtail adds srcset to the attributes it is given"
    assert set(upstream.renditions_by_format(renditions)) == {"avif", "webp", "jpeg"}


def test_a_rendition_of_an_image_without_its_file_is_wagtails_stand_in():
    assert parameters(get_rendition_or_not_found) == ["image", "specs"]
    image = get_image_model().objects.create(
        title="Gone", file=get_test_image_file(size=(300, 200))
    )
    image.file.storage.delete(image.file.name)
    rendition = upstream.rendition_or_not_found(image, "max-100x100")
    assert rendition.file.name == "not-found"


def test_pillow_gives_the_avif_writer_its_options_in_encoderinfo(monkeypatch):
    assert PILImage.SAVE["AVIF"].__qualname__.startswith("patch_pillow_avif_encoder_speed")
    given = {}

    def writer(image, fp, filename):
        given.update(image.encoderinfo)

    monkeypatch.setitem(PILImage.SAVE, "AVIF", writer)
    upstream.patch_pillow_avif_encoder_speed(7)
    PILImage.new("RGB", (4, 4)).save(io.BytesIO(), format="AVIF", quality=60)
    assert given["speed"] == 7 and given["quality"] == 60


# --- Permissions, snippets, settings ---


def test_collection_permission_checks_of_wagtails_policy(demo_user):
    policy = get_permission_policy()
    assert parameters(type(policy)._check_perm) == ["self", "user", "actions", "collection"]
    assert parameters(type(policy)._collections_with_perm) == ["self", "user", "actions"]
    moderator, editor = demo_user("moderator"), demo_user("editor")
    assert upstream.has_collection_permission(policy, moderator, ["delete"])
    assert not upstream.has_collection_permission(policy, editor, ["delete"])
    assert upstream.collections_with_permission(policy, moderator, ["delete"]).exists()
    assert not upstream.collections_with_permission(policy, editor, ["delete"]).exists()


def test_snippet_and_setting_models_are_wagtails_registries():
    assert Area in upstream.snippet_models()
    assert {Area, ContactSettings} <= upstream.snippet_and_setting_models()


def test_snippet_model_from_url_finds_a_snippet_or_404():
    assert parameters(upstream.get_snippet_model_from_url_params) == ["app_name", "model_name"]
    assert upstream.snippet_model_from_url("core", "area") is Area
    with pytest.raises(Http404):
        upstream.snippet_model_from_url("core", "nothing")


def test_model_permissions_are_made_in_a_migrations_historical_state_too():
    """create_model_permissions gives a historical app the models module Django's
    create_permissions looks for, and takes it away again."""
    from django.apps import apps as current_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.db.migrations.loader import MigrationLoader

    assert {"app_config", "verbosity", "using", "apps"} <= set(parameters(create_permissions))
    assert "if not app_config.models_module:" in inspect.getsource(create_permissions)
    historical = MigrationLoader(connection).project_state().apps
    assert upstream.is_historical_apps(historical) and not upstream.is_historical_apps(current_apps)
    for apps in (historical, current_apps):
        Permission.objects.filter(content_type__app_label="core", codename="add_area").delete()
        upstream.create_model_permissions(apps, "core", "default")
        assert Permission.objects.filter(
            content_type__app_label="core", codename="add_area"
        ).exists()
    assert getattr(historical.get_app_config("core"), "models_module", None) is None


def test_the_page_comments_relation_is_a_page_field():
    assert Page._meta.get_field(upstream.PAGE_COMMENTS_RELATION).one_to_many


def test_the_admin_sign_in_page_gets_what_wagtails_login_view_gives_its_template():
    from wagtail.admin.views import account

    assert (
        parameters(account.get_user_login_form) == []
        and parameters(account.password_reset_enabled) == []
    )
    source = inspect.getsource(LoginView.get_context_data)
    assert '"show_password_reset"' in source and '"username_field"' in source


def test_the_request_of_a_preview_is_a_preview_request(monkeypatch):
    home = english_home().specific
    served = []

    def serve_preview(request, mode_name):
        served.append(request)
        return HttpResponse()

    monkeypatch.setattr(home, "serve_preview", serve_preview)
    home.make_preview_request()
    assert upstream.is_preview_request(served[0])
    assert not upstream.is_preview_request(a_request())


def test_a_request_for_a_page_has_its_sites_host_and_scheme(settings):
    settings.ALLOWED_HOSTS = ["baltic.example"]
    site = english_home().get_site()
    site.hostname, site.port = "baltic.example", 443
    site.save()
    home = english_home().specific
    request = upstream.request_for_page(home)
    assert request.build_absolute_uri("/en/") == "https://baltic.example/en/"
    assert home.get_url(request) == "/en/"


# --- Search ---


def test_reindex_object_enqueues_the_index_task():
    assert parameters(upstream.insert_or_update_object_task.func) == [
        "app_label",
        "model_name",
        "pk",
    ]
    upstream.reindex_object(Area, Area.objects.order_by("pk").first().pk)


def test_related_search_fields_follow_relations():
    from events.models import EventPage

    assert EventPage in upstream.indexed_models()
    related = {
        name: field
        for name, field, _fields in upstream.related_search_fields(
            EventPage, EventPage.get_search_fields()
        )
    }
    assert related, "event pages are indexed with the names of what they point at"
    assert all(field.related_model is not None for field in related.values())
    assert {"field_name", "fields"} <= set(vars(index.RelatedFields("x", [])))


def test_a_search_is_normalised_as_wagtail_stores_it():
    assert (
        upstream.normalised_query("  Summer   CAMP!  ")
        == Query.get("  Summer   CAMP!  ").query_string
    )


def test_the_postgres_search_internals_search_backends_extends():
    from modelsearch.backends.database.postgres import postgres

    index_class, backend_class, compiler_class, lexeme = upstream.postgres_search_classes()
    assert (
        backend_class.index_class is index_class
        and backend_class.query_compiler_class is compiler_class
    )
    assert parameters(index_class.add_items) == ["self", "model", "objs"]
    assert parameters(index_class.__init__) == ["self", "backend"]
    assert parameters(backend_class.__init__) == ["self", "params"]
    assert parameters(compiler_class.get_config) == ["self", "backend"]
    assert parameters(compiler_class.build_tsquery_content) == ["self", "query", "config", "invert"]
    assert parameters(compiler_class.build_tsquery) == ["self", "query", "config"]
    assert parameters(compiler_class.get_fields_vectors) == ["self", "search_query"]
    assert {"invert", "prefix"} <= set(parameters(lexeme))
    # An index entry takes its configuration from the backend it is given (``with_config``).
    assert "backend.config" in inspect.getsource(postgres.ObjectIndexer.__init__)
    assert "self.search_fields" in inspect.getsource(compiler_class.__init__)


def test_the_postgres_rank_is_the_one_modelsearch_orders_by():
    _index, _backend, compiler_class, _lexeme = upstream.postgres_search_classes()
    assert parameters(compiler_class._build_rank_expression) == ["self", "vectors", "config"]
    assert parameters(compiler_class.get_index_vectors) == ["self", "search_query"]
    # postgres_rank reads them on the index entries: lookups through the entries' relation.
    vectors = inspect.getsource(compiler_class.get_index_vectors)
    for name in ("title", "title_norm", "body"):
        assert f'F("{upstream.INDEX_ENTRIES}__{name}")' in vectors
    source = inspect.getsource(compiler_class.search)
    assert "vectors = self.get_search_vectors(search_query)" in source
    assert "self._build_rank_expression(vectors, config)" in source


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="modelsearch defines its SQLite index model only on SQLite (PostgreSQL's is tested above)",
)
def test_the_sqlite_search_internals_search_backends_extends():
    from modelsearch.backends.database import SearchBackend

    backend_class, compiler_class = upstream.sqlite_search_classes()
    assert backend_class.query_compiler_class is compiler_class
    assert parameters(compiler_class.build_search_query_content) == ["self", "query", "config"]
    if upstream.sqlite_full_text_search_available():
        assert isinstance(SearchBackend({}), backend_class)


def test_index_entries_hold_an_objects_primary_key_as_text_and_its_type():
    entries = upstream.index_entries_of(Page)
    fields = {field.name for field in entries.model._meta.get_fields()}
    assert {"object_id", "content_type", "title"} <= fields
    assert entries.model._meta.get_field("object_id").get_internal_type() == "CharField"


def test_the_indexed_body_text_is_a_page_lookup():
    from modelsearch.backends.database.postgres import postgres

    relation, field = upstream.INDEXED_BODY_TEXT.split("__")
    entries = Page._meta.get_field(relation).related_model
    # A column of PostgreSQL's index table only, which modelsearch's own queries read.
    assert f'"{upstream.INDEXED_BODY_TEXT}"' in inspect.getsource(postgres)
    if connection.vendor == "postgresql":
        assert entries._meta.get_field(field)


# --- HTTP ---


def test_accepts_gzip_and_cache_control_directives():
    assert upstream.accepts_gzip(a_request(HTTP_ACCEPT_ENCODING="br, gzip;q=0.8"))
    assert not upstream.accepts_gzip(a_request(HTTP_ACCEPT_ENCODING="identity"))
    response = HttpResponse(headers={"Cache-Control": "Private, max-age=0"})
    assert upstream.cache_control_directives(response) == {"private", "max-age"}


def test_the_compressing_middleware_answers_in_process_response():
    assert parameters(upstream.CompressingMiddleware.process_response) == [
        "self",
        "request",
        "response",
    ]


# --- wagtail-localize ---


def test_save_target_writes_the_page_row_even_for_a_draft(english_with_placeholder):
    """Why the guard exists and why drafts are built in a rolled-back block
    (translation_review.save_translation_as_draft)."""
    english, placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=placeholder.locale)
    translation.save_target(publish=False)
    row = Page.objects.get(pk=placeholder.pk)
    assert row.alias_of_id is None and row.live


def test_aliases_keep_no_revisions_and_publishing_keeps_the_rows_alias(english_with_placeholder):
    """Why a placeholder's draft is saved with ``alias_of`` cleared in memory, and why the guard
    turns the placeholder into a page when its revision is published."""
    _english, placeholder = english_with_placeholder
    page = Page.objects.get(pk=placeholder.pk).specific
    with pytest.raises(RuntimeError):
        page.save_revision()
    page.alias_of_id = None
    revision = page.save_revision()
    assert Page.objects.get(pk=placeholder.pk).alias_of_id is not None
    assert Revision.objects.get(pk=revision.pk).as_object().alias_of_id is not None


def test_the_internal_views_take_what_upstream_passes():
    assert parameters(edit_translation.edit_translation) == ["request", "translation", "instance"]
    assert parameters(convert.convert_to_alias) == ["request", "page_id"]


def test_the_translation_of_a_placeholder_is_found_as_localize_finds_it(english_with_placeholder):
    english, placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=placeholder.locale)
    assert upstream.enabled_translation_of(placeholder) == translation


def test_pages_using_a_document_are_found_in_the_reference_index():
    from wagtail.documents import get_document_model

    document = get_document_model().objects.order_by("pk").first()
    if document is None:
        pytest.skip("the demo has no document")
    pages = list(upstream.live_pages_using(document))
    assert pages, "every demo document is linked from a published page"


def test_create_translations_gives_the_records_translation_creator_made(english_with_placeholder):
    assert parameters(TranslationCreator) == ["user", "target_locales"]
    english, _placeholder = english_with_placeholder
    russian = Locale.objects.get(language_code="ru")
    translations = upstream.create_translations(english, [russian])
    assert translations and all(
        isinstance(translation, Translation) for translation in translations
    )
    assert any(
        translation.source.object_id == english.translation_key for translation in translations
    )
    assert {translation.target_locale for translation in translations} == {russian}


def test_the_submit_view_only_checks_the_permission_before_what_upstream_sets_up():
    """dispatch_submit_view_without_permission_check does what wagtail-localize's dispatch does
    after its permission check, and skips to the dispatch after it."""
    source = inspect.getsource(SubmitTranslationView.dispatch)
    assert 'has_perms(["wagtail_localize.submit_translation"])' in source
    assert "self.object = self.get_object()" in source
    assert "self.components = TranslationComponentManager.from_request(" in source
    assert parameters(TranslationComponentManager.from_request) == [
        "request",
        "source_object_instance",
    ]


def test_the_submit_and_update_views_editorial_extends():
    assert issubclass(upstream.SubmitPageTranslationView, SubmitTranslationView)
    assert issubclass(upstream.SubmitSnippetTranslationView, SubmitTranslationView)
    for method in ("get_form", "form_valid", "post"):
        assert method in vars(SubmitTranslationView), method
    assert "self.get_form()" in inspect.getsource(SubmitTranslationView.post)
    assert {"locales", "include_subtree"} <= set(SubmitTranslationForm.base_fields)
    assert "publish_translations" in upstream.UpdateTranslationsForm.base_fields
    for method in ("get_form", "post"):
        assert method in vars(upstream.UpdateTranslationsView), method
    assert "self.get_form()" in inspect.getsource(upstream.UpdateTranslationsView.post)


def test_the_translation_editor_gives_its_template_what_our_override_reads(
    admin_client, english_with_placeholder
):
    english, placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    Translation.objects.create(source=source, target_locale=placeholder.locale)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[placeholder.pk]))
    assert response.status_code == 200
    context = response.context
    for name in ("props", "instance", "is_page", "page_perms", "translation"):
        assert name in context, name
    props = json.loads(context["props"])
    assert "convertToAliasUrl" in props["links"] and "lastPublishedDate" in props["object"]
    adjusted = json.loads(
        upstream.translation_editor_props(
            context["props"], may_convert_to_alias=False, last_published="today"
        )
    )
    assert (
        adjusted["links"]["convertToAliasUrl"] is None
        and adjusted["object"]["lastPublishedDate"] == "today"
    )


def test_text_segments_are_the_segments_of_a_translation_source(english_with_placeholder):
    english, _placeholder = english_with_placeholder
    source, _ = TranslationSource.get_or_create_from_instance(english)
    stored = list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context__path", "string__data")
    )
    assert upstream.text_segments_of(english) == stored
    assert upstream.text_of_segment("Help <b>us</b>.") == "Help us."


def test_a_blocks_text_segment_is_a_string_segment():
    """core.blocks.TranslatableTableBlock gives its text as segments and takes it back through
    the hooks wagtail-localize asks a block for."""
    from wagtail_localize.segments import extract, ingest

    segment = upstream.text_segment("caption", "Prices")
    assert isinstance(segment, StringSegmentValue)
    assert (segment.path, segment.render_text()) == ("caption", "Prices")
    assert 'hasattr(block_type, "get_translatable_segments")' in inspect.getsource(extract)
    assert 'hasattr(block_type, "restore_translated_segments")' in inspect.getsource(ingest)


@pytest.mark.no_demo
def test_localize_editor_template_has_the_editor_where_our_override_inserts_before_it():
    """editorial/templates/wagtail_localize/admin/edit_translation.html extends localize's editor
    template, gives it our props as ``props`` and inserts the review actions just before the
    editor's element (editorial.templatetags.translation_editor): revisit both when this fails."""
    markup = upstream.TRANSLATION_EDITOR_MARKUP
    template = (
        Path(wagtail_localize.__file__).parent
        / "templates/wagtail_localize/admin/edit_translation.html"
    )
    source = template.read_text()
    assert source.count(markup) == 1
    assert f'{markup} data-props="{{{{ props }}}}">' in source
    assert source.count("{% block content %}") == 1


@pytest.mark.no_demo
def test_wagtail_gives_snippets_exactly_the_extra_permissions_upstream_names():
    """The roles grant "publish", "lock" and "unlock" of snippets before Wagtail's post_migrate
    makes them (upstream.snippet_extra_actions): the names must stay Wagtail's."""
    from django.contrib.auth import get_permission_codename
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from events.models import Venue

    for model in (Area, Venue):
        opts = model._meta
        made = set(
            Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(model)
            ).values_list("codename", flat=True)
        )
        declared = {
            get_permission_codename(action, opts)
            for action in (*opts.default_permissions, *upstream.snippet_extra_actions(opts.label))
        }
        assert made == declared


@pytest.mark.no_demo
def test_a_snippet_revision_names_its_locale_in_its_content():
    from core.tests.factories import AreaFactory

    area = AreaFactory()
    revision = area.save_revision()
    assert upstream.revision_locale_id(revision) == area.locale_id
    assert upstream.revision_locale_id(Revision.objects.get(pk=revision.pk)) == area.locale_id


def test_localize_translation_views_ask_the_edit_check_we_extend():
    """patch_localize_instance_edit_check replaces a module global that localize's translation
    views call by name: if they stop, translators' language checks stop with them."""
    source = inspect.getsource(edit_translation)
    assert source.count("if not user_can_edit_instance(") >= 6
    assert (
        edit_translation.user_can_edit_instance.__wrapped__.__module__ == edit_translation.__name__
    )


def test_localize_gives_snippets_the_generic_status_panel_we_complete():
    """patch_localize_snippet_status_panel fills in what Wagtail's own snippet panel has:
    needed while localize's editor builds the generic panel for snippets."""
    from django.template.loader import get_template
    from wagtail.admin.ui.side_panels import StatusSidePanel

    assert "StatusSidePanel(" in inspect.getsource(edit_translation.edit_translation)
    assert StatusSidePanel.get_context_data.__wrapped__
    template = get_template("wagtailadmin/workflows/workflow_status.html").template.source
    assert "{% url revisions_compare_url_name " in template


def test_pending_on_commit_finds_a_callback_until_its_transaction_ends():
    class Callback:
        def __call__(self):
            pass

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        callback = Callback()
        transaction.on_commit(callback)
        assert upstream.pending_on_commit(connection, Callback) is callback
        with pytest.raises(RuntimeError), transaction.atomic():
            transaction.on_commit(Callback())
            raise RuntimeError
        assert upstream.pending_on_commit(connection, Callback) is callback
        1 / 0  # noqa: B018
    assert upstream.pending_on_commit(connection, Callback) is None


def test_check_image_upload_first_runs_before_wagtails_format_check():
    """check_image_upload_first: Wagtail's image field checks the format in
    check_image_file_format, given the upload opened by Willow."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.fields import WagtailImageField

    from core.upstream import check_image_upload_first

    seen = []
    field = WagtailImageField()
    check_image_upload_first(field, lambda uploaded: seen.append(uploaded.image.format_name))
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(buffer, "PNG")
    field.clean(SimpleUploadedFile("dot.png", buffer.getvalue()))
    assert seen == ["png"]


def test_with_safe_csv_cells():
    """Wagtail's spreadsheet export makes every CSV cell with ``preprocess_field_value``, lists
    joined, before writing it; XLSX cells that look like formulas are written as text."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.contrib.forms.views import SubmissionsListView

    view = upstream.with_safe_csv_cells(SubmissionsListView, lambda text: f"safe:{text}")()
    assert view.preprocess_field_value("answer", "=1+1", "csv") == "safe:=1+1"
    assert view.preprocess_field_value("answer", ["=a", "b"], "csv") == "safe:=a, b"
    assert view.preprocess_field_value("answer", "=1+1", "xlsx") == "=1+1"
    assert "self.preprocess_field_value(" in inspect.getsource(SpreadsheetExportMixin.write_csv_row)
    assert 'cell.data_type = "s"' in inspect.getsource(SpreadsheetExportMixin.generate_xlsx_row)


# --- The admin's listings ---


def test_replace_hook_puts_the_replacement_in_the_registered_functions_place():
    from wagtail import hooks as wagtail_hooks

    def first(): ...
    def second(): ...
    def replacement(): ...

    with wagtail_hooks.register_temporarily([("test_hook", first), ("test_hook", second)]):
        upstream.replace_hook("test_hook", first, replacement)
        assert wagtail_hooks.get_hooks("test_hook") == [replacement, second]
        upstream.replace_hook("test_hook", replacement, first)


def test_localize_registers_its_page_buttons_for_the_rows_and_the_header():
    from wagtail import hooks as wagtail_hooks

    from performance.explorer_rows import translation_buttons

    localize_buttons = upstream.localize_page_listing_buttons()
    assert localize_buttons in wagtail_hooks.get_hooks("register_page_header_buttons")
    assert translation_buttons in wagtail_hooks.get_hooks("register_page_listing_more_buttons")
    assert localize_buttons not in wagtail_hooks.get_hooks("register_page_listing_more_buttons")
    assert parameters(localize_buttons) == ["page", "user", "view_name", "next_url"]


def wagtails_row_dropdown(page, user):
    """Wagtail's "More" dropdown of ``page``'s row in the explorer, as its hook gives it."""
    from wagtail import hooks as wagtail_hooks
    from wagtail.admin.widgets import ButtonWithDropdownFromHook

    for hook in wagtail_hooks.get_hooks("register_page_listing_buttons"):
        for button in hook(page=page, user=user, next_url="/admin/pages/2/"):
            if type(button) is ButtonWithDropdownFromHook:
                return button
    raise AssertionError("no dropdown")


@pytest.mark.parametrize("username", ["admin", "editor", "moderator"])
def test_a_row_dropdowns_markup_is_its_shape_with_its_texts(demo_user, username):
    """``row_actions_shape_and_texts`` names all that Wagtail's markup of a row's dropdown
    depends on: rendered with another row's texts (``row_actions_with_texts``), one row's
    dropdown is the other's, and each text is written once, escaped."""
    from events.models import EventPage

    user = demo_user(username)
    first, second = EventPage.objects.live().filter(locale__language_code="en")[:2]
    second.title = second.draft_title = 'Tom & Jerry\'s "club" <b>'
    first_dropdown, second_dropdown = (
        wagtails_row_dropdown(page, user) for page in (first, second)
    )
    first_shape, first_texts = upstream.row_actions_shape_and_texts(first_dropdown)
    second_shape, second_texts = upstream.row_actions_shape_and_texts(second_dropdown)
    assert first_shape == second_shape and first_texts != second_texts
    second_markup = second_dropdown.render_html({})
    assert upstream.row_actions_with_texts(first_dropdown, second_texts).render_html({}) == (
        second_markup
    )
    for text in second_texts:
        assert second_markup.count(str(conditional_escape(text))) == 1
    # A draft offers other buttons: another shape.
    first.has_unpublished_changes = True
    assert upstream.row_actions_shape_and_texts(wagtails_row_dropdown(first, user))[0] != (
        first_shape
    )


@pytest.mark.parametrize("live", [True, False])
@pytest.mark.parametrize("own", [True, False])
def test_a_leaf_pages_delete_check_follows_wagtails_rules(demo_user, live, own):
    """patch_leaf_page_delete_check: for a page without children, ``may_delete_leaf_page``
    answers as Wagtail's ``can_delete`` (which asks the database) for every set of page
    permissions, and without a query."""
    from events.models import EventPage

    editor = demo_user("editor")
    leaf = EventPage.objects.filter(numchild=0).first()
    EventPage.objects.filter(pk=leaf.pk).update(live=live, owner=editor if own else None)
    leaf = EventPage.objects.get(pk=leaf.pk)
    wagtails = PagePermissionTester.can_delete.__wrapped__
    actions = ["add", "change", "publish", "bulk_delete"]
    for count in range(len(actions) + 1):
        for permissions in itertools.combinations(actions, count):
            tester = PagePermissionTester(editor, leaf)
            tester.permissions = set(permissions)
            expected = wagtails(tester)
            assert wagtails(tester, ignore_bulk=True) == expected
            with CaptureQueriesContext(connection) as queries:
                assert tester.can_delete() == expected, permissions
                assert tester.can_move() == expected, permissions
            assert not queries


def without_random_keys(block_json):
    """A packed definition without the random keys of its defaults: Draftail's in an empty
    rich text, and the ids of a list's items."""
    block_json = re.sub(r'key\\"\s*:\s*\\"\w+', "key", block_json)
    return re.sub(r'"id": "[0-9a-f-]{36}"', "id", block_json)


def test_a_blocks_definition_is_packed_once_per_language_as_wagtail_packs_it():
    """patch_block_definitions_packed_once: Wagtail keeps what ``_build_block_json`` packs in
    the widget's ``_block_json`` and ``_js_context``; a second widget of the same block gets
    the same, unpacked again, and another language its own."""
    from django.utils import translation
    from wagtail.blocks.base import BlockWidget

    from events.models import EventPage

    block = EventPage._meta.get_field("body").stream_block
    upstream.packed_block_definitions.clear()
    wagtails = BlockWidget(block)
    BlockWidget._build_block_json.__wrapped__(wagtails)
    first, second = BlockWidget(block), BlockWidget(block)
    assert without_random_keys(first.block_json) == without_random_keys(wagtails.block_json)
    assert "heading" in first.block_json
    assert second.block_json is first.block_json
    assert str(second.media) == str(wagtails.media)
    with translation.override("fi"):
        finnish = BlockWidget(block).block_json
    assert finnish is not first.block_json
    assert without_random_keys(finnish) != without_random_keys(first.block_json)


def test_the_page_listings_user_filters_offer_the_users_wagtail_would(demo_user):
    """patch_page_user_filters: the "Owner" and "Edited by" filters of Wagtail's page listings
    are declared on ``PageFilterSet`` (shared with the explorer's) with a function of the
    request giving their users, and ours give the same users."""
    from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
    from wagtail.log_actions import log

    from events.models import EventPage

    event = EventPage.objects.first()
    EventPage.objects.filter(pk=event.pk).update(owner=demo_user("editor"))
    log(event, "wagtail.edit", user=demo_user("moderator"))
    request = a_request()
    for name, ours in upstream.PAGE_USER_FILTERS.items():
        user_filter = PageFilterSet.declared_filters[name]
        assert GenericPageFilterSet.base_filters[name] is user_filter
        assert user_filter.queryset is ours
        wagtails = upstream.wagtails_page_user_filters[name]
        assert set(ours(request)) == set(wagtails(request))
    assert demo_user("editor") in upstream.page_owners()
    assert demo_user("moderator") in upstream.page_editors()


def test_listed_pages_come_with_their_parents_and_status(django_assert_num_queries):
    pages = upstream.with_parents_loaded(
        upstream.with_page_status_states(Page.objects.filter(depth=3))
    ).specific()
    listed = list(pages)
    assert listed
    with django_assert_num_queries(0):
        for page in listed:
            assert page.get_parent().path == page.path[: -Page.steplen]
            assert page.get_parent().locale.language_code
            assert page.status_string


def test_the_admin_root_page_is_what_wagtails_site_summary_counts_from(demo_user):
    from wagtail.admin.navigation import get_site_for_user

    admin = demo_user("admin")
    assert upstream.admin_root_page_of(admin) == get_site_for_user(admin)["root_page"].pk


def test_wagtail_localizes_hooks_keep_their_place_after_the_projects():
    """Finding wagtail-localize's buttons (``localize_page_listing_buttons``) registers its
    hooks: still after editorial's, which must see a placeholder's edit first."""
    from wagtail import hooks as wagtail_hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    from editorial import wagtail_hooks as editorial_hooks

    edit_hooks = wagtail_hooks.get_hooks("before_edit_page")
    assert edit_hooks.index(editorial_hooks.translation_of_a_placeholder) < edit_hooks.index(
        localize_hooks.before_edit_page
    )
