"""Browser tests: Playwright drives Debian's Chromium against a live server of the site.

They run in a pytest session of their own (`make test-browser`, see the root conftest): the live
server commits to that session's test database, which starts from the demo content, is never
flushed, and is dropped at the end, so nothing written here reaches the rest of the suite. Each
test makes its own pages with their own titles and leaves the demo content alone.
"""

import os
import re
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from .helpers import CHROMIUM, CHROMIUM_ARGS, FAILURES, VIEWPORTS

expect.set_options(timeout=15_000)
# Playwright's sync API keeps an asyncio loop in the test's thread, which makes Django refuse ORM
# calls there; the test thread only waits while the browser runs, so the calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if Path(__file__).resolve().parent in item.path.parents]
    if browser_tests and len(browser_tests) < len(items):
        raise pytest.UsageError(
            "Run the browser tests in a pytest session of their own (make test-browser): "
            "their live server commits to the database the other tests share."
        )
    for item in browser_tests:
        if item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid}: browser tests take the database from `open_page`; the "
                "django_db mark would flush the demo content after the test."
            )


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the browser session's test database is a file, so each of the live server's
    request threads has a connection of its own (an in-memory database would be one connection
    shared by concurrent requests such as the editor's preview and its save)."""
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("browser-db") / "test.sqlite3")
        database["OPTIONS"].update(
            timeout=30,
            transaction_mode="IMMEDIATE",  # writers wait for each other instead of failing
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
        )


@pytest.fixture(scope="session", autouse=True)
def explicit_saves_only():
    """Wagtail's autosave creates a new page in the background once its form is valid, at a
    moment that depends on timing; a save button pressed meanwhile creates the page twice. The
    flows here press the buttons a person presses, so they run without autosave."""
    with override_settings(WAGTAIL_AUTOSAVE_INTERVAL=0):
        yield


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """What pytest-django's `live_server` asks for: here, committed writes without the flush
    after each test that would wipe the demo content (see the module docstring)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db(transactional_db):
    """The same for fixtures that ask for `db`, such as `django_user_model`."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def open_page(request, browser, live_server, transactional_db):
    """open_page("phone") gives a fresh browser tab (own cookies) at that viewport size, with any
    other context options given (java_script_enabled=False); when the test fails, each tab's
    last state is saved under test-artifacts/failures/."""
    contexts = []

    def open_in(viewport="desktop", **options):
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            # axe-core is injected as an inline script, which our CSP (rightly) refuses.
            bypass_csp=True,
            **VIEWPORTS[viewport],
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        return page

    yield open_in
    for number, context in enumerate(contexts):
        if getattr(request.node, "call_failed", False) and context.pages:
            FAILURES.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"\W+", "-", request.node.name)
            context.pages[-1].screenshot(path=FAILURES / f"{name}-{number}.png", full_page=True)
        context.close()
