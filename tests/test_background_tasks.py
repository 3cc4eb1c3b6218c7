"""Background work goes through django-tasks: its database queue by default, done by
``manage.py db_worker`` (which ``make run`` starts), and a Redis queue in production
(TASKS_REDIS_URL, done by ``manage.py rqworker``, which the compose file starts)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from search.tests.test_search import add_page, found, search

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_site_queues_background_work_in_the_database_by_default():
    from site_config.settings import base

    assert base.TASKS == QUEUED


@override_settings(TASKS=QUEUED)
def test_a_new_page_is_found_once_the_worker_has_updated_the_index(client, monkeypatch):
    # The worker drops connections it takes for stale, as the test's open transaction looks
    # (Django's test client keeps request signals from doing the same).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    add_page("en", "Lighthouse walk")
    assert DBTaskResult.objects.filter(status="READY").exists()
    assert found(search(client, "en", "lighthouse")) == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert found(search(client, "en", "lighthouse")) == ["Lighthouse walk"]


@pytest.fixture
def redis_queue(settings):
    """django-tasks' production backend (TASKS_REDIS_URL) on the machine's Redis, in a database
    of its own, emptied before and after; skipped where no Redis runs."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379 for the production task queue")
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def run_rq_worker(queue):
    """What `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler` does, in this
    process (so it sees the test's transaction) until the queue is empty."""
    from django_tasks_rq import Job
    from rq import SimpleWorker

    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True, with_scheduler=True)


def test_production_settings_queue_tasks_in_a_redis_of_their_own(monkeypatch):
    """TASKS_REDIS_URL switches to RQ, in its own Redis: the cache's Redis evicts keys."""
    import importlib

    from site_config.settings import base

    monkeypatch.setenv("TASKS_REDIS_URL", "redis://queue:6379/0")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    try:
        production = importlib.reload(base)
        assert production.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
        assert production.RQ_QUEUES["default"]["URL"] == "redis://queue:6379/0"
        assert {"django_rq", "django_tasks_rq"} <= set(production.INSTALLED_APPS)
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_the_production_queue_does_work_through_redis(client, redis_queue):
    add_page("en", "Lighthouse walk")
    assert redis_queue.count >= 1
    assert found(search(client, "en", "lighthouse")) == []
    run_rq_worker(redis_queue)
    assert redis_queue.count == 0
    assert not redis_queue.failed_job_registry.get_job_ids()
    assert found(search(client, "en", "lighthouse")) == ["Lighthouse walk"]


def test_the_production_queue_keeps_deferred_work_until_its_time(redis_queue):
    """A task deferred with run_after (a reminder the day before an event, say) waits in RQ's
    scheduled registry and is done by the worker's scheduler once its time has come."""
    from django.utils import timezone
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.models import Locale

    from search.hit_counts import store_search_counts

    rows = [
        {
            "query": "sauna evening",
            "locale": Locale.objects.get(language_code="en").pk,
            "date": "2026-12-04",
            "searches": 2,
            "searches_without_results": 0,
            "last_searched_at": "2026-12-04T10:00:00+00:00",
            "last_result_count": 1,
        }
    ]
    later = store_search_counts.using(run_after=timezone.now() + datetime.timedelta(hours=1))
    due = store_search_counts.using(run_after=timezone.now() - datetime.timedelta(seconds=1))
    later.enqueue(rows)
    due.enqueue(rows)
    run_rq_worker(redis_queue)
    assert Query.objects.get(query_string="sauna evening").hits == 2
    assert len(redis_queue.scheduled_job_registry.get_job_ids()) == 1
