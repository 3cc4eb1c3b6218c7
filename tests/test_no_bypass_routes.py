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

Snippets and settings are tried on every model that is one (``public_models()`` and the
reviewed snippets with drafts, ``reviewed_snippet_models()``), a translatable snippet on one live
instance in each language; each of them has unreviewed work waiting (a draft revision, the
English one in review, unreviewed text in translation memory), which any route that publishes
it without review would show. The public pages compared include where visitors meet each
snippet in every language: an event page with its venue and areas and its calendar file, the
people page, and the footer (organisation details and partners) of every page.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils.functional import cached_property
from django.utils.html import escape
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Task, Workflow
from wagtail_localize.fields import TranslatableField
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from conftest import english_page_with_placeholder
from core.models import Area, OrganisationDetails, Partner, Person
from editorial.review_guard import public_models, reviewed_snippet_models
from events.models import EventPage, Venue
from home.models import HomePage, PeoplePage, StandardPage

pytestmark = pytest.mark.django_db

# Anonymous too: an admin URL that forgot its login check would show up here.
ROLES = ["anonymous", "editor", "translator-fi", "translator-ru"]
LANGUAGES = ["en", "fi", "ru"]
# Who leaves the unreviewed draft of each language's snippet.
DRAFTED_BY = {"en": "editor", "fi": "translator-fi", "ru": "translator-ru"}

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
# What differs between two requests for the same page: the CSP nonce, the CSRF token, and the
# time a calendar file was made (its DTSTAMP).
NOISE = re.compile(rb'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"|DTSTAMP:[0-9TZ]+')


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


def unreviewed(text, field):
    """``text`` as someone's unreviewed change of it, within the field's length."""
    changed = f"UNREVIEWED {text}"
    return changed[: field.max_length] if field.max_length else changed


class World:
    """What the routes are tried on: live pages in three languages (one of them a placeholder
    of an untranslated English page, with its Finnish text waiting in translation memory),
    a page in review, an image and a document that live pages use, and snippets: one live
    instance of each reviewed snippet model in each language, where visitors meet it, each
    with unreviewed work waiting (the English one in review)."""

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
        self.snippets = sorted(
            public_models() | reviewed_snippet_models(), key=lambda model: model._meta.label
        )
        self.meet_the_snippets()
        self.leave_unreviewed_snippet_work(demo_user)
        self.translations = [
            Translation.objects.get(
                source__object_id=page.translation_key, target_locale=page.locale
            )
            for page in (self.welcome["fi"], self.welcome["ru"])
        ]
        # The translations of a snippet too: wagtail-localize's editor and its update, upload
        # and machine translation views write snippets as they write pages.
        venue_source = self.sources[Venue]
        self.translations += list(venue_source.translations.order_by("pk"))
        self.translation_sources = [
            TranslationSource.objects.get(object_id=self.welcome["en"].translation_key),
            venue_source,
        ]
        self.first_segment = {
            translation.id: translation.source.stringsegment_set.order_by("order").first().id
            for translation in self.translations
        }
        self.public_urls = [
            page.url for page in [*self.welcome.values(), Page.objects.get(pk=self.placeholder.pk)]
        ]
        self.public_urls += (
            ["/sitemap.xml", self.document.url] if self.document else ["/sitemap.xml"]
        )
        self.public_urls += self.snippet_urls

    def meet_the_snippets(self):
        """One live snippet of each reviewed model in each language (``self.shown``) and the
        pages where visitors meet them (``self.snippet_urls``): an event page with its venue
        and areas, and its calendar file; the people page; and the footer of every page, with
        the organisation's details and the partners shown there."""
        self.locales = {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in=LANGUAGES)
        }
        english = self.locales["en"]
        event = (
            EventPage.objects.live()
            .filter(locale=english, alias_of__isnull=True, venue__live=True, areas__live=True)
            .order_by("pk")
            .first()
        )
        people = (
            PeoplePage.objects.live()
            .filter(locale=english, alias_of__isnull=True, people__person__live=True)
            .order_by("pk")
            .first()
        )
        originals = {
            Venue: event.venue,
            Area: event.areas.filter(live=True).order_by("pk").first(),
            Person: people.people.filter(person__live=True).order_by("sort_order").first().person,
            Partner: Partner.objects.filter(locale=english, live=True, show_in_footer=True)
            .order_by("pk")
            .first(),
        }
        for model in reviewed_snippet_models():
            if model not in originals:  # the organisation's details, and any model added later
                originals[model] = (
                    model.objects.filter(locale=english, live=True).order_by("pk").first()
                )
        self.shown = {
            model: [original.get_translation(self.locales[code]) for code in LANGUAGES]
            for model, original in originals.items()
        }
        assert all(item.live for items in self.shown.values() for item in items), self.shown
        self.pages_showing = {
            "event": [event.get_translation(self.locales[code]) for code in LANGUAGES],
            "people": [people.get_translation(self.locales[code]) for code in LANGUAGES],
        }
        self.snippet_urls = [
            *(page.url for page in self.pages_showing["event"]),
            *(page.url + "ics/" for page in self.pages_showing["event"]),
            *(page.url for page in self.pages_showing["people"]),
        ]

    def leave_unreviewed_snippet_work(self, demo_user):
        """Each snippet of ``self.shown`` gets a draft with its texts changed (the English
        venue's coordinates too), saved by the editor (English) or the language's translator;
        the English drafts are submitted to the Editorial review workflow; and translation
        memory holds unreviewed Finnish and Russian texts of every English original. A route
        that publishes any of it without a moderator changes what visitors see."""
        self.in_review, self.sources = {}, {}
        for model, items in self.shown.items():
            texts = [
                model._meta.get_field(field.field_name)
                for field in model.translatable_fields
                if isinstance(field, TranslatableField)
            ]
            for item in items:
                code = item.locale.language_code
                draft = item.get_latest_revision().as_object()
                for field in texts:
                    setattr(draft, field.name, unreviewed(getattr(draft, field.name), field))
                if model is Venue and code == "en" and draft.latitude is not None:
                    draft.latitude += 1  # a synchronised field, copied to the translations
                draft.save_revision(user=demo_user(DRAFTED_BY[code]))
                item.refresh_from_db()
            original = items[0]
            self.in_review[model] = original.get_workflow().start(original, demo_user("editor"))
            source = TranslationSource.objects.get(
                object_id=original.translation_key,
                specific_content_type=ContentType.objects.get_for_model(model),
            )
            self.sources[model] = source
            for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            ):
                for code in LANGUAGES[1:]:
                    StringTranslation.objects.update_or_create(
                        translation_of=segment.string,
                        locale=self.locales[code],
                        context=segment.context,
                        defaults={"data": f"UNREVIEWED {segment.string.data}"},
                    )

    def snippet(self, model, pk):
        """The instance of ``self.shown`` with ``pk`` (the English one when the route has none)."""
        items = self.shown[model]
        return next((item for item in items if str(item.pk) == str(pk)), items[0])

    def values(self, name, route, pattern, model=None, combo=None):
        """The values tried for one URL parameter, or None when it is not tried. ``model`` is
        the route's model, ``combo`` the values given to the parameters before this one."""
        combo = combo or {}
        if model in self.shown:
            # A snippet's revisions, workflow and task states: its own, not a page's.
            snippet = self.snippet(model, combo.get("pk"))
            state = self.in_review[model]
            own = {
                "revision_id": [snippet.latest_revision_id],
                "revision_id_b": [snippet.latest_revision_id],
                "task_state_id": [state.current_task_state_id],
                "workflow_state_id": [state.id],
            }
            if name in own:
                return own[name]
        if name == "string_segment_id":
            # A segment of the translation being edited.
            return (
                [self.first_segment[combo["translation_id"]]] if "translation_id" in combo else []
            )
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
        return self.table.get(name)

    @cached_property
    def table(self):
        """The values of the parameters that do not depend on the route's model."""
        pages = [page.id for page in self.pages]
        revision = lambda page: page.get_latest_revision().id  # noqa: E731
        task_state = self.workflow_state.current_task_state
        return {
            "page_id": pages,
            "parent_page_id": pages,
            "page_pk": pages,
            "page_to_move_id": pages,
            "destination_id": [HomePage.objects.get(locale__language_code="fi").id],
            "revision_id": [revision(self.welcome["en"])],
            "revision_id_a": ["live"],
            "revision_id_b": [revision(self.welcome["en"])],
            "translation_id": [t.id for t in self.translations],
            "translation_source_id": [source.id for source in self.translation_sources],
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

    # Where a view does not name its model, the route does.
    MODELS_BY_ROUTE = [
        ("pages/", Page),
        ("documents/", get_document_model()),
        ("images/", get_image_model()),
        ("workflows/tasks/", Task),
        ("workflows/", Workflow),
    ]

    def model_of(self, route, pattern):
        view_class = getattr(pattern.callback, "view_class", None)
        model = getattr(pattern.callback, "view_initkwargs", {}).get("model") or getattr(
            view_class, "model", None
        )
        if not isinstance(model, type):
            model = next((m for part, m in self.MODELS_BY_ROUTE if part in route), None)
        return model

    def pks_for(self, route, pattern, model=None):
        if model is None:
            model = self.model_of(route, pattern)
        if model is None:
            return None
        if issubclass(model, Page):
            return [page.id for page in self.pages]
        if model in self.shown:
            names = parameter_names(route)
            if "task_state_id" in names or "workflow_state_id" in names:
                # Workflow routes: the snippet in review (the English one).
                return [self.shown[model][0].pk]
            return [item.pk for item in self.shown[model]]
        return [obj.pk for obj in model._default_manager.order_by("pk")[:1]]

    def models_for(self, route):
        """The models a route with ``<app_label>/<model_name>`` in it is tried on."""
        if route.startswith("admin/settings/"):
            return [model for model in self.snippets if model in settings_registry]
        if route.startswith("admin/bulk/"):
            # Bulk actions of every snippet model, and of pages.
            return [*self.snippets, Page]
        return self.snippets

    def urls(self, route, pattern):
        """Every concrete URL to try for one route, or the reason it is not tried."""
        names = parameter_names(route)
        for name in names:
            if name in NOT_TRIED:
                return NOT_TRIED[name]
        if "model_name" in names:
            models = self.models_for(route)
        elif "content_type_model_name" in names:
            models = [StandardPage]
        else:
            models = [None]
        urls = []
        for model in models:
            route_model = model if model is not None else self.model_of(route, pattern)
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
                if name == "pk":
                    values = self.pks_for(route, pattern, model)
                    if values is None:
                        return f"no values for <{name}>"
                    combos = [{**combo, name: value} for combo in combos for value in values]
                    continue
                extended = []
                for combo in combos:
                    values = self.values(name, route, pattern, route_model, combo)
                    if values is None:
                        return f"no values for <{name}>"
                    extended += [{**combo, name: value} for value in values]
                combos = extended
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
                elif route.startswith("admin/bulk/"):
                    ids = self.pks_for(route, pattern, model)
                    url += "?" + urlencode({"id": ids}, doseq=True)
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


def snippet_coverage(world, routes):
    """What is tried of each snippet and setting model: {model: (routes, urls)}."""
    coverage = {}
    for model in world.snippets:
        opts = model._meta
        part = f"/{opts.app_label}/{opts.model_name}/"
        tried = [
            (route, [url for url in urls if part in url])
            for route, urls in routes
            if not isinstance(urls, str)
        ]
        tried = [(route, urls) for route, urls in tried if urls]
        coverage[model] = (
            [route for route, _urls in tried],
            [u for _r, urls in tried for u in urls],
        )
    return coverage


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
    urls = [url for route, found in routes if not isinstance(found, str) for url in found]
    print(
        f"{len(tried)} of {len(routes)} admin routes tried ({len(urls)} URLs); "
        f"not tried: {len(routes) - len(tried)}; {len(world.public_urls)} public URLs compared"
    )
    assert len(tried) > 250

    # Every snippet and setting model, and each reviewed snippet in every language.
    coverage = snippet_coverage(world, routes)
    for model, (model_routes, model_urls) in coverage.items():
        print(f"  {model._meta.label}: {len(model_routes)} routes, {len(model_urls)} URLs")
    assert set(coverage) == public_models() | reviewed_snippet_models()
    assert reviewed_snippet_models() <= set(world.shown)
    missing = []
    for model, items in world.shown.items():
        opts = model._meta
        base = f"/admin/snippets/{opts.app_label}/{opts.model_name}"
        english, state = items[0], world.in_review[model]
        expected = [
            *(f"{base}/edit/{item.pk}/" for item in items),
            *(f"{base}/unpublish/{item.pk}/" for item in items),
            *(
                f"/admin/localize/submit/snippet/{opts.app_label}/{opts.model_name}/{item.pk}/"
                for item in items
            ),
            # Its own revisions, not a page's.
            *(
                f"{base}/history/{item.pk}/revisions/{item.latest_revision_id}/revert/"
                for item in items
            ),
            # Its own workflow: the English one is in review.
            f"{base}/workflow/action/{english.pk}/approve/{state.current_task_state.id}/",
            f"{base}/workflow_history/{english.pk}/detail/{state.id}/",
            f"/admin/bulk/{opts.app_label}/{opts.model_name}/delete/?"
            + urlencode({"id": [item.pk for item in items]}, doseq=True),
        ]
        missing += [url for url in expected if url not in coverage[model][1]]
    for model in public_models():
        opts = model._meta
        if model in settings_registry:
            expected = f"/admin/settings/{opts.app_label}/{opts.model_name}/"
        else:
            expected = f"/admin/snippets/{opts.app_label}/{opts.model_name}/"
        if not any(url.startswith(expected) for url in coverage[model][1]):
            missing.append(expected)
    assert not missing, f"snippet URLs not tried: {missing}"
    # The translations of a snippet in wagtail-localize's editor and update views.
    venue_translations = list(world.sources[Venue].translations.values_list("id", flat=True))
    assert {*venue_translations} <= {t.id for t in world.translations}
    assert world.sources[Venue] in world.translation_sources


def test_visitors_meet_every_snippet_in_every_language(world):
    """The public URLs compared show each snippet tried, in each language, and none of the
    unreviewed work the world leaves waiting."""
    view = public_view(world.public_urls)
    assert {url: status for url, (status, _content) in view.items() if status != 200} == {}
    leaked = [url for url, (_status, content) in view.items() if b"UNREVIEWED" in content]
    assert not leaked, f"unreviewed text already public: {leaked}"
    unfolded = {url: content.replace(b"\r\n ", b"") for url, (_status, content) in view.items()}
    absent = []
    for index, code in enumerate(LANGUAGES):
        event = world.pages_showing["event"][index].url
        people = world.pages_showing["people"][index].url
        where = {
            Venue: [event, event + "ics/"],
            Area: [event],
            Person: [people],
            Partner: [world.welcome[code].url, event, people],
            OrganisationDetails: [world.welcome[code].url, event, people],
        }
        for model, items in world.shown.items():
            name = items[index].name
            for url in where[model]:
                shown = name if url.endswith("ics/") else escape(name)
                if shown.encode() not in unfolded[url]:
                    absent.append(f"{model._meta.label} {name!r} on {url}")
    assert not absent, absent


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_post_changes_what_visitors_see(
    client, demo_user, django_capture_on_commit_callbacks, world, role
):
    before = public_view(world.public_urls)
    user = None if role == "anonymous" else demo_user(role)
    client.raise_request_exception = False
    changed, posts, urls_tried, compared = [], 0, 0, 0
    for route, urls in tries(world):
        if isinstance(urls, str):
            continue
        for url in urls:
            urls_tried += 1
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
                    if rows_written() != written:
                        compared += 1
                        after = public_view(world.public_urls)
                        if after != before:
                            differing = [u for u in world.public_urls if after[u] != before[u]]
                            changed.append(
                                f"{route} ({url}{', its form' if data else ''}) changed {differing}"
                            )
                    transaction.set_rollback(True)
    print(f"{role}: {urls_tried} URLs, {posts} posts, {compared} compared")
    assert not changed, f"{role} changed what visitors see through: " + "; ".join(changed)
