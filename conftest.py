from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

# A real SMTP server for the tests of e-mails (tests/smtp.py).
pytest_plugins = ["tests.smtp"]

LANGUAGES = ["en", "fi", "ru"]
BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


def pytest_ignore_collect(collection_path, config):
    """The browser tests run only when named (`make test-browser` runs `pytest tests/browser`):
    their live server commits to the database, so they get a pytest session of their own."""
    if collection_path != BROWSER_TESTS:
        return None
    named = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return not any(path == BROWSER_TESTS or BROWSER_TESTS in path.parents for path in named)


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker):
    """The demo site, loaded once per run, before the first test that uses the database and is
    not marked ``no_demo``; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=StringIO())


def uses_the_demo(item):
    if item.get_closest_marker("no_demo"):
        return False
    fixtures = getattr(item, "fixturenames", ())
    return (
        bool(item.get_closest_marker("django_db"))
        or "db" in fixtures
        or "transactional_db" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked ``no_demo`` build what they need with factories (core/tests/factories.py)
    on the bare, migrated database: they run first, before the demo content is loaded for the
    others, so they never see it, whether they run alone or with the whole suite.

    Every other test that uses the database gets ``demo_content`` as its first fixture: set up
    before pytest-django opens the test's transaction, so the demo is committed once and every
    test's own changes roll back. (Run after pytest-django's reordering, which this keeps.)"""
    for item in items:
        if uses_the_demo(item) and "demo_content" not in item.fixturenames:
            item.fixturenames.insert(0, "demo_content")
    items.sort(key=lambda item: not item.get_closest_marker("no_demo"))


@pytest.fixture
def home_page(request):
    """For a ``no_demo`` test: a site whose root is an English home page, translated into
    Finnish and Russian (core.tests.factories.site_with_home)."""
    if not request.node.get_closest_marker("no_demo"):
        raise pytest.UsageError(
            f"{request.node.nodeid}: home_page builds a site of its own; mark the test no_demo"
        )
    request.getfixturevalue("db")
    from core.tests.factories import site_with_home

    return site_with_home()


def english_page_with_placeholder(
    title="Volunteers wanted", slug="volunteers-wanted", intro="Help us."
):
    """A published English text page and the Finnish placeholder (alias) that locale
    synchronisation gives it, both as their specific pages."""
    from wagtail.models import Locale

    from home.models import HomePage, StandardPage

    page = StandardPage(title=title, slug=slug, intro=intro)
    HomePage.objects.get(locale__language_code="en").add_child(instance=page)
    page.save_revision().publish()
    placeholder = page.copy_for_translation(Locale.objects.get(language_code="fi"), alias=True)
    return StandardPage.objects.get(pk=page.pk), StandardPage.objects.get(pk=placeholder.pk)


@pytest.fixture
def english_with_placeholder():
    return english_page_with_placeholder()


@pytest.fixture(autouse=True)
def english_by_default():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def demo_user(django_user_model):
    def get(username):
        return django_user_model.objects.get(username=username)

    return get


@pytest.fixture
def login(client, demo_user, django_user_model):
    """``login(role)``: the test client signed in as a demo user of that role (``anonymous``:
    not signed in; ``administrator``: a new member of the Administrators group)."""

    def as_role(role):
        if role == "anonymous":
            return client
        if role == "administrator":
            from django.contrib.auth.models import Group

            user = django_user_model.objects.create_user("office-admin", "office@example.org")
            user.groups.add(Group.objects.get(name="Administrators"))
        else:
            user = demo_user(role)
        client.force_login(user)
        return client

    return as_role


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and layout parts must not outlive the test whose data they show: each
    test's changes roll back without the commit that would move the content version on. What
    is remembered per process and content version goes too: under a frozen clock two tests can
    start from the same content version."""
    from core.caching import remembered_per_version

    cache.clear()
    remembered_per_version.clear()
    yield
    cache.clear()
    remembered_per_version.clear()


@pytest.fixture
def assert_page_queries(client, django_assert_max_num_queries):
    """Check that a page renders for an anonymous visitor in at most ``budget`` SQL queries.

    The page cache is off in tests, so every request renders the page. The first visit makes
    the image renditions and fills the layout's cache, as earlier visitors would have; the
    cards and pictures remembered in this process are then forgotten, so that the budget holds
    for a process that has not drawn them yet."""
    from core.cards import remembered_cards
    from core.templatetags.pictures import remembered_pictures

    def check(url, budget):
        assert client.get(url).status_code == 200
        remembered_cards.clear()
        remembered_pictures.clear()
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200
        return response

    return check


@pytest.fixture
def rendition_instances():
    """A list of the rendition instances made while the test runs (Django's ``post_init``)."""
    from django.db.models.signals import post_init
    from wagtail.images import get_image_model

    made = []

    def record(sender, instance, **kwargs):
        made.append(instance)

    rendition_model = get_image_model().get_rendition_model()
    post_init.connect(record, sender=rendition_model)
    yield made
    post_init.disconnect(record, sender=rendition_model)
