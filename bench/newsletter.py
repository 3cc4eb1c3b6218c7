"""The benchmark behind ``make bench-newsletter``: one issue sent to 2,000 subscribers through
the real queue, as in production but on this machine.

It migrates a fresh SQLite database in a temporary folder, makes a site with one issue (a few
sections, one for an area) and the subscribers (a third each in English, Finnish and Russian,
some with areas), starts a local SMTP sink (aiosmtpd) and a real ``manage.py db_worker``, queues
the issue and waits until every message has arrived. It prints the messages per second (from
queueing to the last message) and the worker's peak memory (VmHWM of /proc/<pid>/status).

With ``--kill-after N`` it kills the worker with SIGKILL once N messages have arrived, starts
another, resumes the sending as the report's button does, and checks that no address got the
issue twice and that what was in flight is reported as "unknown".

    BENCH_SUBSCRIBERS   2000
    BENCH_RATE          1000000 (NEWSLETTER_MESSAGES_PER_MINUTE: as fast as the worker goes)
    BENCH_BATCH         200 (NEWSLETTER_BATCH_SIZE)
"""

import argparse
import collections
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "2000"))


class Sink:
    """An SMTP server that only counts what arrives, per address."""

    def __init__(self):
        self.received = collections.Counter()
        self.lock = threading.Lock()
        self.last = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.received.update(envelope.rcpt_tos)
            self.last = time.monotonic()
        return "250 OK"

    def count(self):
        with self.lock:
            return sum(self.received.values())


def peak_memory_kib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def start_worker(env):
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def make_content():
    """The site, the issue and the subscribers, made with the tests' factories."""
    from core.tests.factories import AreaFactory, site_with_home, translate
    from newsletters.tests.factories import NewsletterIssuePageFactory, paragraph, section
    from subscribers.models import Subscriber

    site_with_home()
    culture = AreaFactory(name="Culture")
    issue = NewsletterIssuePageFactory(
        title="Spring issue",
        body=[
            paragraph("Hello members, " + "news of the season. " * 20),
            section("Culture", "A concert in Turku. " * 10, area=culture),
            section("For everybody", "The annual meeting. " * 10),
        ],
    )
    for language in ("fi", "ru"):
        translate(issue, language)
    languages = ["en", "fi", "ru"]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n}@example.org",
            language=languages[n % 3],
            status=Subscriber.SUBSCRIBED,
            source="bench",
        )
        for n in range(SUBSCRIBERS)
    )
    Subscriber.areas.through.objects.bulk_create(
        Subscriber.areas.through(subscriber_id=pk, area_id=culture.pk)
        for pk in Subscriber.objects.values_list("pk", flat=True)[::4]
    )
    return issue


def wait_for(sink, count, worker, timeout=600):
    deadline = time.monotonic() + timeout
    peak = 0
    while sink.count() < count and time.monotonic() < deadline:
        peak = max(peak, peak_memory_kib(worker.pid) or 0)
        if worker.poll() is not None:
            break
        time.sleep(0.05)
    return max(peak, peak_memory_kib(worker.pid) or 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kill-after", type=int, default=0, metavar="N")
    arguments = parser.parse_args()

    from aiosmtpd.controller import Controller

    from tests.smtp import free_port

    folder = tempfile.mkdtemp(prefix="bench-newsletter-")
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "TASKS_IMMEDIATE": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "NEWSLETTER_MESSAGES_PER_MINUTE": os.environ.get("BENCH_RATE", "1000000"),
        "NEWSLETTER_BATCH_SIZE": os.environ.get("BENCH_BATCH", "200"),
        "WAGTAILADMIN_BASE_URL": "https://example.org",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("TASKS_REDIS_URL", None)
    os.environ.update(env)
    print(f"Migrating a fresh database in {folder} ...", flush=True)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )

    import django

    django.setup()
    from newsletters.models import Delivery
    from newsletters.sending import enqueue, queue_issue

    issue = make_content()
    worker = start_worker(env)
    time.sleep(2)  # the worker's start-up is not part of the sending
    started = time.monotonic()
    queued = queue_issue(issue)
    print(f"Queued {queued} messages; worker pid {worker.pid}", flush=True)
    try:
        if arguments.kill_after:
            wait_for(sink, arguments.kill_after, worker)
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            killed_at = sink.count()
            time.sleep(1)  # messages the dead worker had already handed over arrive
            print(f"Killed the worker with SIGKILL after {killed_at} messages arrived")
            worker = start_worker(env)
            enqueue(issue.pk)
        expected = queued
        if arguments.kill_after:
            # What was in flight when the worker died is not sent again.
            while (
                Delivery.objects.filter(status__in=[Delivery.QUEUED, Delivery.SENDING]).exists()
                and worker.poll() is None
            ):
                time.sleep(0.2)
            expected = Delivery.objects.filter(status=Delivery.SENT).count()
        peak = wait_for(sink, expected, worker)
        elapsed = (sink.last or time.monotonic()) - started
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        smtp.stop()
    arrived = sink.count()
    twice = [address for address, count in sink.received.items() if count > 1]
    statuses = collections.Counter(Delivery.objects.values_list("status", flat=True))
    print(f"Subscribers:       {SUBSCRIBERS}")
    print(f"Messages arrived:  {arrived} in {elapsed:.1f} s")
    print(f"Messages a second: {arrived / elapsed:.0f}")
    print(f"Worker peak memory (VmHWM): {peak / 1024:.0f} MiB")
    print(f"Deliveries by status: {dict(statuses)}")
    print(f"Addresses that got the issue twice: {len(twice)}")
    if twice or (not arguments.kill_after and arrived != queued):
        sys.exit(1)


if __name__ == "__main__":
    main()
