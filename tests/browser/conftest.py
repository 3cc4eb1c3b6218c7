"""Browser tests: Playwright drives Debian's Chromium against a live server of the site.

They run in a pytest session of their own (`make test-browser`, see the root conftest): the live
server commits to that session's test database, which starts from the demo content, is never
flushed, and is dropped at the end, so nothing written here reaches the rest of the suite. Each
test makes its own pages with their own titles and leaves the demo content alone.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from .helpers import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS

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


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """What pytest-django's `live_server` asks for: here, committed writes without the flush
    after each test that would wipe the demo content (see the module docstring)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    """open_page("phone") gives a fresh browser tab (own cookies) at that viewport size."""
    contexts = []

    def open_in(viewport="desktop"):
        context = browser.new_context(base_url=live_server.url, locale="en-GB", **VIEWPORTS[viewport])
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        return page

    yield open_in
    for context in contexts:
        context.close()


