"""Every admin URL that accepts a POST, tried by each role that must not publish, changes
nothing anonymous visitors see (issue 20).

The routes are read from Django's URL resolver, so a new admin URL (Wagtail's, wagtail-localize's
or ours) is tried without anyone adding it here; a URL whose parameters this test cannot fill
fails `test_every_admin_route_is_tried_or_explained` until it is given values or a reason.

Each route is posted twice over: once empty, and once as a person would send its form (the
form the route shows on GET, every box ticked, every named button pressed). Each try runs in a
savepoint that is rolled back, with the callbacks that run on commit (wagtail-localize
publishes on commit) executed first. When the try wrote rows, the public pages, sitemap and
document are fetched anonymously and compared with what they were before; a try that wrote
nothing cannot have changed them, so their fetch is skipped to keep the run short.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Task, Workflow
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from conftest import english_page_with_placeholder
from editorial.review_guard import public_models
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

# Anonymous too: an admin URL that forgot its login check would show up here.
ROLES = ["anonymous", "editor", "translator-fi", "translator-ru"]

# Parameters no try can fill meaningfully, with why.
NOT_TRIED = {
    "uidb64": "password reset links carry a token e-mailed to the account's owner",
    "session_id": "a preview session of wagtail's page editor, made by its own JavaScript",
    "uploaded_file_id": "an upload in progress of the multiple-upload views, made by their JavaScript",
    "filter_spec": "image previews answer GET only",
    "query_id": "search promotions' queries: administrators only, and no public page reads them unreviewed",
    "redirect_id": "redirects are administrators' (no other role has the permission)",
    "overridable_segment_id": "the demo has no overridable segment",
}
# What differs between two requests for the same page: the CSP nonce and the CSRF token.
NOISE = re.compile(rb'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"')


def admin_routes():
    """(route, pattern) of every admin URL, its route written as Django's path syntax."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    return [
        (route, p)
        for route, p in walk(get_resolver().url_patterns, "")
        if route.startswith("admin/")
    ]


def parameters(route):
    return re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)


def parameter_names(route):
    return [a or b for a, b in parameters(route)]


class World:
    """What the routes are tried on: live pages in three languages (one of them a placeholder
    of an untranslated English page, with its Finnish text waiting in translation memory),
    a page in review, snippets, an image and a document that live pages use."""

    def __init__(self, demo_user):
        self.welcome = {
            page.locale.language_code: page
            for page in StandardPage.objects.filter(
                slug__in=["welcome", "tervetuloa", "добро-пожаловать"]
            ).select_related("locale")
        }
        volunteers, self.placeholder = english_page_with_placeholder()
        finnish = self.placeholder.locale
        source, _ = TranslationSource.get_or_create_from_instance(volunteers)
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        ):
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=finnish,
                context=segment.context,
                defaults={"data": f"UNREVIEWED {segment.string.data}"},
            )
        self.volunteers = volunteers
        in_review = self.welcome["en"]
        in_review.intro = "Text in review"
        in_review.save_revision(user=demo_user("editor"))
        self.workflow_state = in_review.get_workflow().start(in_review, demo_user("editor"))
        self.pages = [
            self.welcome["en"],
            self.welcome["fi"],
            self.welcome["ru"],
            volunteers,
            self.placeholder,
        ]
        self.image = get_image_model().objects.order_by("pk").first()
        self.document = get_document_model().objects.order_by("pk").first()
        self.snippets = sorted(public_models(), key=lambda model: model._meta.label)
        self.translations = [
            Translation.objects.get(
                source__object_id=page.translation_key, target_locale=page.locale
            )
            for page in (self.welcome["fi"], self.welcome["ru"])
        ]
        self.public_urls = [
            page.url for page in [*self.welcome.values(), Page.objects.get(pk=self.placeholder.pk)]
        ]
        self.public_urls += (
            ["/sitemap.xml", self.document.url] if self.document else ["/sitemap.xml"]
        )

    def values(self, name, route, pattern):
        """The values tried for one URL parameter, or None when it is not tried."""
        pages = [page.id for page in self.pages]
        revision = lambda page: page.get_latest_revision().id  # noqa: E731
        task_state = self.workflow_state.current_task_state
        source = TranslationSource.objects.get(object_id=self.welcome["en"].translation_key)
        table = {
            "page_id": pages,
            "parent_page_id": pages,
            "page_pk": pages,
            "page_to_move_id": pages,
            "destination_id": [HomePage.objects.get(locale__language_code="fi").id],
            "revision_id": [revision(self.welcome["en"])],
            "revision_id_a": ["live"],
            "revision_id_b": [revision(self.welcome["en"])],
            "translation_id": [t.id for t in self.translations],
            "translation_source_id": [source.id],
            "string_segment_id": [source.stringsegment_set.first().id],
            "object_id": [self.welcome["en"].translation_key],
            "image_id": [self.image.id] if self.image else [],
            "document_id": [self.document.id] if self.document else [],
            "doc_id": [self.document.id] if self.document else [],
            "collection_id": [Collection.get_first_root_node().id],
            "task_state_id": [task_state.id],
            "workflow_state_id": [self.workflow_state.id],
            "task_id": [Task.objects.first().id],
            "workflow_pk": [Workflow.objects.first().id],
            "action_name": ["approve", "reject"],
            "action": ["publish", "unpublish", "delete", "move"],
            "mode": ["original"],
        }
        if name == "action_name" and "/api/" in route:
            # The admin API's page actions, where the workflow's are approve and reject.
            return [
                "publish",
                "unpublish",
                "convert_alias",
                "copy",
                "create_alias",
                "move",
                "delete",
                "revert_to_page_revision",
                "copy_for_translation",
            ]
        if name in table:
            return table[name]
        return None

    # Where a view does not name its model, the route does.
    MODELS_BY_ROUTE = [
        ("pages/", Page),
        ("documents/", get_document_model()),
        ("images/", get_image_model()),
        ("workflows/tasks/", Task),
        ("workflows/", Workflow),
    ]

    def pks_for(self, route, pattern, model=None):
        if model is None:
            view_class = getattr(pattern.callback, "view_class", None)
            model = getattr(pattern.callback, "view_initkwargs", {}).get("model") or getattr(
                view_class, "model", None
            )
        if not isinstance(model, type):
            model = next((m for part, m in self.MODELS_BY_ROUTE if part in route), None)
        if model is None:
            return None
        if issubclass(model, Page):
            return [page.id for page in self.pages]
        return [obj.pk for obj in model._default_manager.order_by("pk")[:1]]

    def urls(self, route, pattern):
        """Every concrete URL to try for one route, or the reason it is not tried."""
        names = parameter_names(route)
        for name in names:
            if name in NOT_TRIED:
                return NOT_TRIED[name]
        if "model_name" in names:
            models = self.snippets
        elif "content_type_model_name" in names:
            models = [StandardPage]
        else:
            models = [None]
        urls = []
        for model in models:
            combos = [{}]
            for name in names:
                if name in (
                    "app_label",
                    "app_name",
                    "model_name",
                    "content_type_app_name",
                    "content_type_model_name",
                ):
                    continue
                values = (
                    self.pks_for(route, pattern, model)
                    if name == "pk"
                    else self.values(name, route, pattern)
                )
                if values is None:
                    return f"no values for <{name}>"
                combos = [{**combo, name: value} for combo in combos for value in values]
            for combo in combos:
                url = "/" + route
                for part in parameters(route):
                    name = part[0] or part[1]
                    value = combo.get(name)
                    if name in ("app_label", "app_name", "content_type_app_name"):
                        value = model._meta.app_label
                    elif name in ("model_name", "content_type_model_name"):
                        value = model._meta.model_name
                    url = re.sub(
                        rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), url, count=1
                    )
                url = url.replace("^", "").replace("$", "").replace("\\Z", "")
                if "/multiple/" in url:
                    url += "?" + urlencode({"id": [page.id for page in self.pages]}, doseq=True)
                urls.append(url)
        return urls


class FormReader(HTMLParser):
    """The first POST form of a page: its fields as a browser would send them with every box
    ticked and every named button pressed."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.done, self.select = {}, False, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post":
            self.inside = True
        if not self.inside or not attrs.get("name"):
            if tag == "option" and self.inside and self.select and self.select not in self.data:
                self.data[self.select] = attrs.get("value", "")
            return
        name = attrs["name"]
        if tag == "select":
            self.select = name
        elif tag == "textarea":
            self.data.setdefault(name, "")
        elif tag in ("input", "button"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                self.data.setdefault(name, [])
                if isinstance(self.data[name], list):
                    self.data[name].append(attrs.get("value", "on"))
            elif kind != "file":
                self.data.setdefault(name, attrs.get("value", "1" if kind == "submit" else ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        if tag == "select":
            self.select = None


def rows_written():
    """Rows inserted, updated or deleted so far by this connection's transaction."""
    if connection.vendor == "sqlite":
        return connection.connection.total_changes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
        )
        return cursor.fetchone()[0]


def forget_remembered():
    from core.caching import remembered_per_version
    from core.cards import remembered_cards
    from core.templatetags.pictures import remembered_pictures

    cache.clear()
    remembered_per_version.clear()
    remembered_cards.clear()
    remembered_pictures.clear()


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return NOISE.sub(b"", content)


def public_view(urls):
    anonymous = Client()
    forget_remembered()
    return {url: (r.status_code, body(r)) for url in urls for r in [anonymous.get(url)]}


def tries(world):
    for route, pattern in admin_routes():
        urls = world.urls(route, pattern)
        yield route, urls


@pytest.fixture
def world(demo_user):
    return World(demo_user)


def test_every_admin_route_is_tried_or_explained(world):
    routes = list(tries(world))
    unexplained = [
        (route, why)
        for route, why in routes
        if isinstance(why, str) and why.startswith("no values")
    ]
    assert not unexplained, (
        f"{unexplained}: give these parameters values in World.values or a reason in NOT_TRIED"
    )
    tried = [route for route, urls in routes if not isinstance(urls, str)]
    print(
        f"{len(tried)} of {len(routes)} admin routes tried; not tried: {len(routes) - len(tried)}"
    )
    assert len(tried) > 250


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_post_changes_what_visitors_see(
    client, demo_user, django_capture_on_commit_callbacks, world, role
):
    before = public_view(world.public_urls)
    user = None if role == "anonymous" else demo_user(role)
    client.raise_request_exception = False
    changed, posts = [], 0
    for route, urls in tries(world):
        if isinstance(urls, str):
            continue
        for url in urls:
            # Signed in afresh for each route: an earlier one may have been "sign out".
            if user:
                client.force_login(user)
            form = None
            page = client.get(url)
            if (
                page.status_code == 200
                and b"<form" in page.content
                and page.get("Content-Type", "").startswith("text/html")
            ):
                reader = FormReader()
                reader.feed(page.content.decode(errors="replace"))
                form = reader.data
            for data in [{}, form] if form else [{}]:
                posts += 1
                with transaction.atomic():
                    written = rows_written()
                    with django_capture_on_commit_callbacks(execute=True):
                        client.post(url, data)
                    if rows_written() != written and public_view(world.public_urls) != before:
                        changed.append(f"{route} ({url}{', its form' if data else ''})")
                    transaction.set_rollback(True)
    print(f"{role}: {posts} posts")
    assert not changed, f"{role} changed what visitors see through: " + "; ".join(changed)
