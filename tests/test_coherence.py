"""A change made in any process is seen by every serving process on its next request.

Real processes, as production runs them: gunicorn with two workers, the page cache on, and the
changes made by a separate ``manage.py`` process (as the publishing loop of ``make run``, a shell
or the task worker would), on a database of the test's own: a SQLite file, or a database on the
PostgreSQL server of ``DATABASE_URL``. Once with each worker's own memory as the cache (no
Redis), once with Redis when it runs on localhost, where the publication is made by a process
that cannot reach Redis.
"""

import gzip
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
# Enough requests that both workers answer some of them (each takes connections in turn as it
# is free): the chance that one worker answers all of them is 2 in 2**REQUESTS.
REQUESTS = 16
REDIS_URL = "redis://127.0.0.1:6379/14"

SETUP = """
from core.tests.factories import StandardPageFactory, site_with_home
home = site_with_home(title="Baltic Region", languages=())
StandardPageFactory(parent=home, title="Events", slug="events", show_in_menus=True)
StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
"""
CHANGES = {
    "edit": """
from home.models import StandardPage
page = StandardPage.objects.get(slug="events")
page.intro = "Spring programme announced"
page.save_revision().publish()
""",
    "publish": """
from home.models import StandardPage
page = StandardPage.objects.get(slug="events")
page.title = "Calendar"
page.save_revision().publish()
""",
    "snippet": """
from core.models import OrganisationDetails
details = OrganisationDetails.objects.get()
details.name = "Baltic Region ry"
details.save_revision().publish()
""",
    "unpublish": """
from home.models import StandardPage
StandardPage.objects.get(slug="events").unpublish()
""",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A database of the module's own, migrated, with a home page, a page in the menu and the
    organisation's details: a SQLite file, or a database on the PostgreSQL server of
    ``DATABASE_URL``. Each test changes a copy of it."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith("postgres"):
        server = configured.rsplit("/", 1)[0]
        url = postgres_database(server, f"coherence_{uuid.uuid4().hex[:8]}")
    else:
        server, url = None, f"sqlite:///{tmp_path_factory.mktemp('coherence') / 'site.sqlite3'}"
    manage(url, "migrate", "--noinput", "-v0")
    manage(url, "shell", "-c", SETUP)
    yield server, url
    if server:
        drop_postgres_database(url)


@pytest.fixture
def database_url(migrated_database, tmp_path):
    server, template = migrated_database
    if server is None:
        copy = tmp_path / "site.sqlite3"
        shutil.copy(template.removeprefix("sqlite:///"), copy)
        yield f"sqlite:///{copy}"
        return
    url = postgres_database(server, f"coherence_{uuid.uuid4().hex[:8]}", template=template)
    yield url
    drop_postgres_database(url)


def postgres_database(server, name, template=None):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if template:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.rsplit("/", 1)[1]}"')
        else:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_postgres_database(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def environment(database_url, cache):
    values = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DATABASE_URL": database_url,
        "PAGE_CACHE_SECONDS": "300",
        "LOG_LEVEL": "WARNING",
    }
    values.pop("REDIS_URL", None)
    if cache == "redis":
        values["REDIS_URL"] = REDIS_URL
    elif cache == "redis down":
        values["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/14"
    return values


def manage(database_url, *args, cache="memory"):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment(database_url, cache),
        check=True,
        capture_output=True,
    )


@pytest.fixture
def serve(database_url):
    """Starts gunicorn with two workers on the database; returns a function that GETs a path
    ``REQUESTS`` times, each on a new connection, and returns the answers (status, text)."""
    servers = []

    def start(cache, workers=2):
        port = free_port()
        server = subprocess.Popen(
            [GUNICORN, "site_config.wsgi", f"--workers={workers}", f"--bind=127.0.0.1:{port}"],
            cwd=ROOT,
            env={**environment(database_url, cache), "GUNICORN_THREADS": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(server)

        def get(path):
            try:
                # Only ever the gunicorn started here, on loopback.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:  # noqa: S310
                    return answer.status, answer.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, ""

        for _attempt in range(150):
            try:
                get("/en/")
                break
            except OSError:
                time.sleep(0.2)
        requests = lambda path: [get(path) for _request in range(REQUESTS)]  # noqa: E731
        requests.port = port
        return requests

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("cache", ["memory", "redis"])
def test_every_worker_sees_a_change_made_in_another_process(database_url, serve, cache):
    if cache == "redis":
        if not redis_is_running():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    requests = serve(cache)
    # Both workers keep the pages as they are now.
    for status, text in requests("/en/") + requests("/en/events/"):
        assert status == 200
        assert ">Events<" in text
        assert "Calendar" not in text

    # New content for the page, in place: the page shows it in every worker (what is kept per
    # structure version, the layout and the route, is not what shows it).
    manage(database_url, "shell", "-c", CHANGES["edit"], cache=cache)
    assert all("Spring programme announced" in text for _status, text in requests("/en/events/")), (
        "the page stayed stale"
    )

    # Published by a process that cannot reach Redis (an outage, a hiccup): nothing of the
    # change is in the cache, so nothing of it may be lost with the cache.
    manage(
        database_url,
        "shell",
        "-c",
        CHANGES["publish"],
        cache="redis down" if cache == "redis" else cache,
    )
    home = requests("/en/")
    assert all("Calendar" in text for _status, text in home), "the menu stayed stale"
    assert all("Calendar" in text for _status, text in requests("/en/events/"))

    manage(database_url, "shell", "-c", CHANGES["snippet"], cache=cache)
    assert all("Baltic Region ry" in text for _status, text in requests("/en/"))

    manage(database_url, "shell", "-c", CHANGES["unpublish"], cache=cache)
    assert {status for status, _text in requests("/en/events/")} == {404}
    assert not any("Calendar" in text for _status, text in requests("/en/"))


def visit(port, path):
    """One anonymous visit from a browser (which accepts gzip): whether it came from the page
    cache, and the page's text."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        body = answer.read()
        if answer.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return answer.headers.get("X-Page-Cache"), body.decode()


@pytest.mark.parametrize("warm", [True, False], ids=["warmed", "not warmed"])
def test_a_published_page_is_rendered_before_its_first_visitor(database_url, serve, warm):
    # One worker with its own memory: what the task worker asked for is what a visitor meets.
    port = serve("memory", workers=1).port
    warming = {"WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"}
    if warm:
        warming["SITE_WARM_URL"] = f"http://127.0.0.1:{port}"
    # Published by one process (an editor's request), the task done by the worker.
    for command in (
        ["shell", "-c", CHANGES["publish"]],
        ["db_worker", "--batch", "--no-startup-delay", "--no-reload"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env={**environment(database_url, "memory"), **warming},
            check=True,
            capture_output=True,
        )
    # The page, its listings and the home page; and the menu's other sections, which every
    # change makes afresh too.
    for path in ("/en/events/", "/en/", "/en/about/"):
        cached, text = visit(port, path)
        assert "Calendar" in text
        # Without SITE_WARM_URL the first visitor renders the page, as before.
        assert cached == ("hit" if warm else "miss"), path
