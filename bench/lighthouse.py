"""The front-end benchmark behind ``make lighthouse``: Lighthouse's mobile scores per page.

It prepares a database with the demo content (a fresh SQLite file, or BENCH_DATABASE_URL),
starts gunicorn with the production settings on loopback (as ``make bench`` does: bench/run.py)
and runs Lighthouse (bench/package.json, ``npm ci --prefix bench``) with Debian's Chromium in its
default mobile mode, simulated throttling included, on the home page, an event and a gallery in
English and the Finnish and Russian home pages. Each page is measured BENCH_RUNS times; the table
shows the median score per category, and below it every audit that fell short in any run of a
category under 100. Lighthouse counts 127.0.0.1 as a secure origin, so plain HTTP is fine here.

    BENCH_DATABASE_URL  sqlite:////tmp/lh_bench.sqlite3 (made afresh each run, with media in
                        /tmp/lh_bench_media)
    BENCH_PORT          8121
    BENCH_RUNS          3
    BENCH_REPORTS       /tmp/lighthouse-reports (each run's JSON report, to read the details)
    CHROME_PATH         /usr/bin/chromium
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import run

TEMPORARY = Path(tempfile.gettempdir())
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TEMPORARY / 'lh_bench.sqlite3'}")
PORT = int(os.environ.get("BENCH_PORT", "8121"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BASE = f"http://127.0.0.1:{PORT}"
LIGHTHOUSE = run.ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORTS = Path(os.environ.get("BENCH_REPORTS", TEMPORARY / "lighthouse-reports"))
MEDIA_ROOT = TEMPORARY / "lh_bench_media"
ENVIRONMENT = {
    **run.production_environment(DATABASE_URL),
    "MEDIA_ROOT": str(MEDIA_ROOT),
    "LOG_REQUESTS": "false",
}


def prepare():
    print(f"==> Preparing {DATABASE_URL} with the demo content", flush=True)
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    if DATABASE_URL.startswith("sqlite:///"):
        Path(DATABASE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        run.create_database(DATABASE_URL)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["compilemessages", "--ignore=.venv", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo_content"],
    ):
        run.manage(*command, environment=ENVIRONMENT)


def page_urls():
    os.environ.update(ENVIRONMENT)
    sys.path.insert(0, str(run.ROOT))
    import django

    django.setup()
    from culture.models import GalleryPage
    from events.models import EventPage

    def first_english(model):
        return (
            model.objects.live()
            .public()
            .filter(locale__language_code="en")
            .order_by("pk")
            .first()
            .url
        )

    return {
        "home": "/en/",
        "event": first_english(EventPage),
        "gallery": first_english(GalleryPage),
        "home-fi": "/fi/",
        "home-ru": "/ru/",
    }


def lighthouse(url, report_path):
    """One Lighthouse report (its JSON "lhr") for the page at url, mobile, simulated throttling."""
    chrome_flags = "--headless=new" + (" --no-sandbox" if os.geteuid() == 0 else "")
    command = [
        "node",
        str(LIGHTHOUSE),
        BASE + url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={chrome_flags}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    # Now and then Chromium's trace of the load comes back broken (NO_NAVSTART): run it again.
    for _attempt in range(3):
        if subprocess.run(command, env=environment, check=False).returncode == 0:
            return json.loads(report_path.read_text())
    raise SystemExit(f"Lighthouse failed three times on {url}")


def shortfalls(report):
    """(audit id, title) of each audit that lowered a category under 100 in this report."""
    found = set()
    for category in report["categories"].values():
        if category["score"] == 1:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.add((audit["id"], audit["title"]))
    return found


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm ci --prefix bench")
    if "--no-prepare" not in sys.argv:
        prepare()
    pages = page_urls()
    REPORTS.mkdir(parents=True, exist_ok=True)
    server = run.start_gunicorn(
        300, environment=ENVIRONMENT, port=PORT, workers=2, application="bench.media_wsgi"
    )
    results = {}
    try:
        for name, url in pages.items():
            print(f"==> {name}: {url} ({RUNS} runs)", flush=True)
            run.fetch(
                url, timeout=60, base=BASE
            )  # its renditions made and the page cached, as on a live site
            reports = [lighthouse(url, REPORTS / f"{name}-{n}.json") for n in range(RUNS)]
            results[name] = {
                "scores": [
                    round(
                        100
                        * statistics.median(report["categories"][c]["score"] for report in reports)
                    )
                    for c in CATEGORIES
                ],
                "shortfalls": set().union(*map(shortfalls, reports)),
            }
    finally:
        run.stop(server)

    print(f"\n| page | {' | '.join(CATEGORIES)} |")
    print("|---|" + "---|" * len(CATEGORIES))
    for name, result in results.items():
        print(f"| {name} ({pages[name]}) | {' | '.join(map(str, result['scores']))} |")
    for name, result in results.items():
        for audit_id, title in sorted(result["shortfalls"]):
            print(f"{name}: {audit_id}: {title}")
    print(
        f"\nMedian of {RUNS} Lighthouse runs per page, mobile, simulated throttling, page cache on."
    )


if __name__ == "__main__":
    main()
