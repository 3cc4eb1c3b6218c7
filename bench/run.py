"""The benchmark behind ``make bench``: the site under load, page type by page type.

It measures the site at several sizes, each in a PostgreSQL database of its own: the demo content
alone, and the demo content with a generated data set of some thousands of pages per language.
At each size it starts gunicorn with the production settings on loopback, and drives each page type with wrk:
first with the page cache off (every request renders), then with it on and warm. A static file
served by the same stack, measured in turns with each page, is the ceiling. SQL queries, HTML
size and the median time of one request ("render ms") are measured in-process with the page
cache off, and again for the first request after content changed ("after a change"), when
what is kept per content version (routes, language links, areas, the layout) is looked up
afresh. Then, as in production, a task worker warms the pages a publication touched: an event is
published from a process of its own before each visit, and the visit is the first after it
("first visit after a publish": the visitor's ms, and how many of the visits the page cache
answered). Each size gets a table, with the growth of the render time from the demo's; at one size
the admin's busiest views are measured too, in-process as the demo's administrator. With
``--no-prepare`` the databases of an earlier run are used as they are. Settings come from the
environment:

    BENCH_DATABASE_URL  postgres://postgres@127.0.0.1:5432/baltic_bench (each size's database is
                        this name with _demo, _10000, ... appended)
    BENCH_SCALES        demo,10000,100000 (demo: the demo content alone; a number: that many
                        generated pages per language, in the proportions of 2,000 events,
                        1,000 publications, 200 galleries and 100 activities)
    BENCH_ADMIN_SCALE   10000 (the size the admin is measured at; empty: not measured)
    REDIS_URL           unset: each gunicorn worker caches in its own memory
    BENCH_PORT          8102
    BENCH_WORKERS       2
    BENCH_SECONDS       8 (per run, at the demo's size)
    BENCH_SCALE_SECONDS 2 (per run, at the larger sizes)
    BENCH_CONNECTIONS   32 (cached pages and the static file; uncached pages use the workers' count)
    BENCH_PUBLISHES     3 (publications, and first visits after them, per page type)
    BENCH_WARMING_REDIS_URL
                        redis://127.0.0.1:6379/13 (the shared cache of those first visits, as
                        in production; empty or unreachable: each worker's own memory)
    BENCH_PAGES         unset: every page type; else the rows whose names contain one of these
                        comma-separated words, e.g. "weekly" for the weekly club's rows alone:
                        BENCH_PAGES=weekly python bench/run.py --no-prepare
"""

import gc
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/baltic_bench"
)
DEMO = "demo"
SCALES = [
    scale.strip()
    for scale in os.environ.get("BENCH_SCALES", "demo,10000,100000").split(",")
    if scale.strip()
]
ADMIN_SCALE = os.environ.get("BENCH_ADMIN_SCALE", "10000")
# The generated pages of a language, in the proportions of the benchmark's first data set.
PROPORTIONS = {"events": 2000, "publications": 1000, "galleries": 200, "activities": 100}
PORT = int(os.environ.get("BENCH_PORT", "8102"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
SCALE_SECONDS = int(os.environ.get("BENCH_SCALE_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
PUBLISHES = int(os.environ.get("BENCH_PUBLISHES", "3"))
ONLY_PAGES = [word.strip() for word in os.environ.get("BENCH_PAGES", "").split(",") if word.strip()]
BASE = f"http://127.0.0.1:{PORT}"
# The first visits after a publication are measured with a shared cache, as in production.
WARMING_REDIS_URL = os.environ.get("BENCH_WARMING_REDIS_URL", "redis://127.0.0.1:6379/13")
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def production_environment(database_url):
    """manage.py's and gunicorn's environment: the production settings, served over plain HTTP on
    loopback, background tasks done inline as no worker runs (bench/lighthouse.py uses it too)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "TASKS_IMMEDIATE": "true",
    }


def database_url_of(scale):
    return f"{DATABASE_URL}_{scale}"


ENVIRONMENT = production_environment(database_url_of(DEMO))


def manage(*args, environment=ENVIRONMENT):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environment, check=True)


def create_database(database_url, template=None):
    """Create the database unless it exists, as a copy of ``template`` if given; whether it was
    created."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return not exists


def prepare(scale):
    """The database of a size: the demo content, and for the larger sizes a copy of the demo's
    database (loading the demo takes minutes) with the generated pages added."""
    database_url = database_url_of(scale)
    environment = production_environment(database_url)
    print(f"==> Preparing {database_url}", flush=True)
    if scale == DEMO:
        create_database(database_url)
        manage("migrate", "--noinput", "-v0", environment=environment)
        manage("compilemessages", "--ignore=.venv", "-v0", environment=environment)
        manage("collectstatic", "--noinput", "-v0", environment=environment)
        manage("load_demo_content", environment=environment)
    else:
        if not create_database(database_url, template=database_url_of(DEMO)):
            manage("migrate", "--noinput", "-v0", environment=environment)
        started = time.monotonic()
        total = sum(PROPORTIONS.values())
        manage(
            "generate_bench_content",
            *(
                f"--{kind}={round(int(scale) * share / total)}"
                for kind, share in PROPORTIONS.items()
            ),
            environment=environment,
        )
        print(f"    generated in {time.monotonic() - started:.0f} s", flush=True)
    analyse_database(database_url)


def analyse_database(database_url):
    """Refresh the planner's statistics, as autovacuum would soon after a bulk load: without
    them PostgreSQL plans for empty tables and the figures would measure a stale plan."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def measure_in_process(scale):
    """What ``pick_urls_and_measure`` (and ``measure_admin`` at the admin's size) find at one
    size, from a process of its own: Django is set up for one database per process."""
    output = subprocess.run(
        [PYTHON, __file__, "--measure", scale],
        cwd=ROOT,
        env=production_environment(database_url_of(scale)),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.splitlines()[-1])


def setup_django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # As gunicorn.conf.py does before forking each worker.
    gc.collect()
    gc.freeze()


def pick_urls_and_measure():
    """The address of each page type, with its SQL queries and HTML size uncached."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from core.caching import new_content_version, new_page_content_version
    from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage
    from events.models import EventIndexPage, EventPage
    from home.models import LocationPage, PeoplePage, StandardPage
    from publications.models import PublicationIndexPage, PublicationPage

    settings.PAGE_CACHE_SECONDS = 0

    def url_of(model, language="en", **filters):
        return (
            model.objects.live()
            .filter(locale__language_code=language, **filters)
            .order_by("-pk")
            .first()
            .url
        )

    today = timezone.localdate()
    schedule = url_of(EventIndexPage)
    pages = [
        ("home", "/en/"),
        ("home (ru)", "/ru/"),
        ("area page", url_of(SectionPage)),
        ("activity", url_of(ActivityPage)),
        ("schedule", schedule),
        ("schedule (month)", f"{schedule}{today.year}/{today.month}/"),
        ("schedule (day)", f"{schedule}{today.year}/{today.month}/{today.day}/"),
        # The demo's weekly club of 200 dates (issue 23), on its area's schedule and its page.
        ("schedule (weekly club's area)", f"{schedule}?area=education"),
        ("event (weekly club, 200 dates)", url_of(EventPage, slug="finnish-conversation-club")),
        ("event", url_of(EventPage)),
        ("event (fi)", url_of(EventPage, "fi")),
        # With the sign-up form (the demo's archipelago trip or chess club): its CSRF token
        # keeps the page out of the page cache, so every visit renders it.
        ("event with sign-up (ru)", url_of(EventPage, "ru", registration_open=True)),
        ("publication list", url_of(PublicationIndexPage)),
        ("publication", url_of(PublicationPage)),
        ("gallery list", url_of(GalleryIndexPage)),
        ("gallery", url_of(GalleryPage)),
        ("people", url_of(PeoplePage)),
        ("location", url_of(LocationPage)),
        ("text page", url_of(StandardPage)),
        ("search", "/en/search/?q=event"),
    ]
    if ONLY_PAGES:
        pages = [page for page in pages if any(word in page[0] for word in ONLY_PAGES)]
    client = Client(SERVER_NAME="127.0.0.1")
    measured = []
    for name, url in pages:
        client.get(url)  # renditions and the layout's cache are made once, not per request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # Counted now: the next request empties the connection's query log.
        query_count = len(queries)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        # 21 requests: on a shared machine the median of fewer moved too much from run to run.
        render = median_time(client, url)
        # The first visit after an editor published new content for a live page, the most common
        # change: what is kept per content version (the page, its listings) is read again, what
        # is kept per structure version (routes, language links, areas, the layout) is not.
        new_page_content_version()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        edited_query_count = len(queries)
        # After a change of the structure (a new page, a new title, a snippet): those are looked
        # up again too (the rendered cards are not: their markup is keyed on what they show).
        new_content_version()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        changed_query_count = len(queries)
        measured.append(
            {
                "name": name,
                "url": url,
                "queries": query_count,
                "bytes": len(response.content),
                "gzip bytes": len(gzip.compress(response.content)),
                "render": render,
                "edited queries": edited_query_count,
                "edited render": median_time(client, url, before_each=new_page_content_version),
                "changed queries": changed_query_count,
                "changed render": median_time(client, url, before_each=new_content_version),
            }
        )
    static_url = re.search(
        r'href="(/static/css/site\.[^"]+\.css)"', client.get("/en/").content.decode()
    )
    return measured, static_url.group(1)


def median_time(client, url, repeats=21, before_each=None):
    """The median time of a request, in ms; ``before_each`` runs before each, untimed."""
    timings = []
    for _repeat in range(repeats):
        if before_each:
            before_each()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def fetch(url, timeout, base=BASE, headers=None):
    # Only ever the gunicorn started here, on loopback.
    request = urllib.request.Request(base + url, headers=headers or {})  # noqa: S310
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310


def start_gunicorn(
    page_cache_seconds,
    environment=ENVIRONMENT,
    port=PORT,
    workers=WORKERS,
    application="site_config.wsgi",
):
    environment = {**environment, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            application,
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    for _attempt in range(100):
        try:
            fetch("/en/", timeout=5, base=f"http://127.0.0.1:{port}")
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def workers_memory(process):
    """The resident memory of gunicorn's workers (the master's children), in MiB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:  # the process has just ended
            continue
        if int(fields["PPid"]) == process.pid and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, connections, seconds=SECONDS):
    output = subprocess.run(
        [
            WRK,
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            # As browsers ask: pages and static files are then sent compressed.
            "--header=Accept-Encoding: gzip",
            BASE + url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def milliseconds(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds("50%"),
        "p99": milliseconds("99%"),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def wrk_beside_static(url, static_url, connections, seconds=SECONDS, rounds=4):
    """wrk on a page and on the static file in turns, ``seconds`` in all for each, so that both
    are measured at the same speed of a shared machine, which drifts a lot within a run and from
    one run to the next."""
    runs = {"page": [], "static": []}
    for _round in range(rounds):
        for name, address in (("static", static_url), ("page", url)):
            runs[name].append(wrk(address, connections, seconds=max(1, seconds // rounds)))
    return tuple(
        {
            "requests": sum(run["requests"] for run in runs[name]),
            "rps": statistics.mean(run["rps"] for run in runs[name]),
            "p50": statistics.median(run["p50"] for run in runs[name]),
            "p99": max(run["p99"] for run in runs[name]),
            "errors": sum(run["errors"] for run in runs[name]),
        }
        for name in ("page", "static")
    )


def warming_environment(scale):
    """Production's way after a change: tasks in the database queue, done by a worker that asks
    the site for the pages a change touched (``SITE_WARM_URL``), under the address visitors use."""
    environment = {
        **production_environment(database_url_of(scale)),
        "SITE_WARM_URL": BASE,
        "WAGTAILADMIN_BASE_URL": BASE,
    }
    del environment["TASKS_IMMEDIATE"]
    return environment


def publish_on_request():
    """``--publish``: for each line read, publish a new revision of an English event, as an
    editor's approved change would, and answer once the task worker has done every task it
    queued (warming the pages, the search index)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from events.models import EventPage

    event = EventPage.objects.live().filter(locale__language_code="en").order_by("-pk").first()
    for _line in sys.stdin:
        event.save_revision().publish()
        waited = time.monotonic()
        while DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).exists():
            if time.monotonic() - waited > 120:
                raise SystemExit("the task worker did not finish in 2 minutes")
            time.sleep(0.05)
        print("published", flush=True)


def wait_for_line(stream, expected):
    """Read ``stream`` up to the line ``expected``; the lines before it (the site's log, which
    goes to standard output) are passed on."""
    for line in stream:
        if line.strip() == expected:
            return
        sys.stderr.write(line)
    raise SystemExit("the publishing process stopped")


def emptied_redis(url):
    """``url``, emptied, if a Redis answers there; else None."""
    import redis

    if not url:
        return None
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.RedisError:
        return None
    return url


def measure_first_visits_after_publish(scale, pages):
    """Each page type's first visit after a publication, with the worker warming pages: with
    a shared cache, as production runs several workers, when one can be reached."""
    environment = warming_environment(scale)
    shared_cache = emptied_redis(WARMING_REDIS_URL)
    if shared_cache:
        environment["REDIS_URL"] = shared_cache
    print(f"==> {scale}: first visits after a publication, worker warming", flush=True)
    server = start_gunicorn(300, environment=environment)
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval=0.05", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
    )
    publisher = subprocess.Popen(
        [PYTHON, __file__, "--publish"],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for page in pages:
            timings, hits = [], 0
            for _publish in range(PUBLISHES):
                publisher.stdin.write("\n")
                publisher.stdin.flush()
                wait_for_line(publisher.stdout, "published")
                started = time.perf_counter()
                # As the warming worker and browsers ask: the page cache keeps that encoding.
                with fetch(page["url"], 60, headers={"Accept-Encoding": "gzip"}) as answer:
                    answer.read()
                    hits += answer.headers.get("X-Page-Cache") == "hit"
                timings.append((time.perf_counter() - started) * 1000)
            page["after publish"] = {
                "ms": statistics.median(timings),
                "hits": hits,
                "cache": shared_cache or "local memory (no Redis answered)",
            }
    finally:
        publisher.stdin.close()
        publisher.wait(timeout=30)
        worker.terminate()
        worker.wait(timeout=30)
        stop(server)


def signed_in_with_second_factor(user):
    """A test client signed in as ``user`` past the second step, which the production settings
    require of administrators (a recovery-code device marks the session verified)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure_admin(repeats=7):
    """The server-side median time (ms) and SQL queries of the admin's views that grow with the
    site, as the demo's administrator."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from events.models import EventIndexPage, EventPage

    client = signed_in_with_second_factor(get_user_model().objects.get(username="admin"))
    events = EventIndexPage.objects.get(locale__language_code="en")
    event = EventPage.objects.get(locale__language_code="en", slug="bench-event-0")
    # The generator gives this one wagtail-localize's records: its editor is the translation's.
    translation = EventPage.objects.get(locale__language_code="fi", slug="bench-event-0")
    views = [
        ("dashboard", reverse("wagtailadmin_home")),
        (
            f"explorer of the events list ({events.numchild} pages)",
            reverse("wagtailadmin_explore", args=[events.pk]),
        ),
        ("page chooser's search", reverse("wagtailadmin_choose_page_search") + "?q=event"),
        ("editor of an event", reverse("wagtailadmin_pages:edit", args=[event.pk])),
        (
            "translation editor of an event (fi)",
            reverse("wagtailadmin_pages:edit", args=[translation.pk]),
        ),
    ]
    measured = []
    for name, url in views:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        measured.append(
            {
                "name": name,
                "url": url,
                "queries": query_count,
                "render": median_time(client, url, repeats=repeats),
            }
        )
    return measured


def measure_under_load(scale, pages, static_url):
    """wrk on each page type of one size, uncached and then cached."""
    environment = production_environment(database_url_of(scale))
    seconds = SECONDS if scale == DEMO else SCALE_SECONDS
    print(f"==> {scale}: uncached, page cache off, {WORKERS} connections", flush=True)
    server = start_gunicorn(0, environment=environment)
    try:
        for page in pages:
            for _warm_up in range(3):  # each worker's connections and the layout's cache
                fetch(page["url"], timeout=60)
            page["uncached"] = wrk(page["url"], WORKERS, seconds=seconds)
    finally:
        stop(server)

    print(f"==> {scale}: cached, page cache on and warm, {CONNECTIONS} connections", flush=True)
    server = start_gunicorn(300, environment=environment)
    try:
        for page in pages:
            fetch(page["url"], timeout=30)
        memory_before = workers_memory(server)
        for page in pages:
            page["cached"], page["static"] = wrk_beside_static(
                page["url"], static_url, CONNECTIONS, seconds=seconds
            )
        memory_after = workers_memory(server)
    finally:
        stop(server)
    return seconds, memory_before, memory_after


def print_table(scale, pages, static_url, seconds, memory_before, memory_after, demo_pages):
    """The table of one size; with the demo's pages, the growth of each render time from the
    demo's."""
    size = (
        "the demo content"
        if scale == DEMO
        else f"the demo content and {int(scale):,} generated pages per language"
    )
    print(f"\n#### {size}\n")
    demo_render = {page["name"]: page["render"] for page in demo_pages or ()}
    header = (
        "| page type | SQL | HTML KiB (gzip) | render ms | growth | after an edit: SQL | render ms"
        " | after a new page: SQL | render ms"
        " | first visit after a publish: ms | from the cache | uncached req/s | p50 ms"
        " | p99 ms | cached req/s | p50 ms | p99 ms | % of static | errors |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for page in pages:
        uncached, cached = page["uncached"], page["cached"]
        growth = (
            f"{page['render'] / demo_render[page['name']]:.2f}×"
            if page["name"] in demo_render
            else ""
        )
        print(
            f"| {page['name']} | {page['queries']} | {page['bytes'] / 1024:.1f} ({page['gzip bytes'] / 1024:.1f}) "
            f"| {page['render']:.0f} | {growth} | {page['edited queries']} | {page['edited render']:.0f} "
            f"| {page['changed queries']} | {page['changed render']:.0f} "
            f"| {page['after publish']['ms']:.0f} | {page['after publish']['hits']}/{PUBLISHES} "
            f"| {uncached['rps']:.0f} | {uncached['p50']:.1f} | {uncached['p99']:.1f} "
            f"| {cached['rps']:.0f} | {cached['p50']:.1f} | {cached['p99']:.1f} "
            f"| {100 * cached['rps'] / page['static']['rps']:.0f} % | {uncached['errors'] + cached['errors']} |"
        )
    statics = [page["static"] for page in pages]
    print(
        f"| static file ({static_url.rsplit('/', 1)[1]}), median beside the pages | 0 | | | | | | | | | | | | "
        f"| {statistics.median(run['rps'] for run in statics):.0f} "
        f"| {statistics.median(run['p50'] for run in statics):.1f} "
        f"| {statistics.median(run['p99'] for run in statics):.1f} | 100 % | {sum(run['errors'] for run in statics)} |"
    )
    print(
        f"\n{WORKERS} gunicorn workers, wrk {seconds} s per page type; uncached with {WORKERS} connections, "
        f"cached and static with {CONNECTIONS}, in turns of {max(1, seconds // 4)} s; "
        f"cache: {os.environ.get('REDIS_URL') or 'local memory'}; growth: render ms / the demo's. "
        "After an edit: the first request after new content was published for a live page (the "
        "content version moved on); after a new page: after a change of the structure too (a new "
        "page, a new title, a snippet). "
        f"First visit after a publish: the median of {PUBLISHES}, each after an event was published "
        "from another process and the task worker had warmed what it touched (its page, its "
        "listings, the home pages and the menu's sections); cache: "
        f"{pages[0]['after publish']['cache']}: without Redis a "
        "worker's page cache is its own, so a visit reaches the warmed copy only when it comes to "
        "the worker that answered the warming."
    )
    served = sum(page["cached"]["requests"] + page["static"]["requests"] for page in pages)
    print(
        "Workers' memory (MiB) with the cache warm: "
        + ", ".join(f"{size:.0f}" for size in memory_before)
        + f"; after the {served:,} requests of the cached runs: "
        + ", ".join(f"{size:.0f}" for size in memory_after)
    )


def print_admin_table(scale, views):
    print(f"\n#### The admin, with {int(scale):,} generated pages per language\n")
    print("| view | SQL | median ms |")
    print("|---|---|---|")
    for view in views:
        print(f"| {view['name']} | {view['queries']} | {view['render']:.0f} |")
    print("\nIn-process, as the demo's administrator, the median of 7 requests after one.")


def main():
    if "--measure" in sys.argv:
        scale = sys.argv[sys.argv.index("--measure") + 1]
        setup_django()
        pages, static_url = pick_urls_and_measure()
        admin = measure_admin() if scale == ADMIN_SCALE else None
        print(json.dumps({"pages": pages, "static_url": static_url, "admin": admin}))
        return
    if "--publish" in sys.argv:
        setup_django()
        publish_on_request()
        return
    if "--no-prepare" not in sys.argv:
        # The demo's database first: the larger sizes start as copies of it.
        for scale in dict.fromkeys([DEMO, *SCALES]):
            prepare(scale)
    demo_pages = None
    for scale in SCALES:
        measured = measure_in_process(scale)
        pages, static_url = measured["pages"], measured["static_url"]
        under_load = measure_under_load(scale, pages, static_url)
        measure_first_visits_after_publish(scale, pages)
        print_table(scale, pages, static_url, *under_load, demo_pages)
        if measured["admin"]:
            print_admin_table(scale, measured["admin"])
        if scale == DEMO:
            demo_pages = pages


if __name__ == "__main__":
    main()
