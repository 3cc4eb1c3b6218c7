"""Every search is counted, exactly, without a write in the visitor's request: each process adds
up its searches and hands them to a task in batches (search/hit_counts.py)."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search import hit_counts
from search.models import SearchTerm
from search.tests.test_search import add_page, search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def batches_of_a_hundred(settings):
    settings.SEARCH_COUNTS_FLUSH_EVERY = 100


def term(query, language="en"):
    return SearchTerm.objects.get(query__query_string=query, locale__language_code=language)


def writes(queries):
    return [query["sql"] for query in queries if query["sql"].startswith(("INSERT", "UPDATE"))]


@pytest.mark.parametrize("cache_seconds", [0, 300])
def test_searches_are_stored_exactly_and_not_in_the_request(client, settings, cache_seconds):
    settings.PAGE_CACHE_SECONDS = cache_seconds  # with the results kept, and without
    add_page("en", "Lighthouse walk")
    for _ in range(7):
        with CaptureQueriesContext(connection) as queries:
            search(client, "en", "Lighthouse")
        assert writes(queries) == []
    search(client, "ru", "Lighthouse")
    assert not SearchTerm.objects.filter(query__query_string="lighthouse").exists()

    hit_counts.flush()
    lighthouse = term("lighthouse")
    assert (lighthouse.searches, lighthouse.searches_without_results) == (7, 0)
    assert lighthouse.last_result_count == 1
    assert (term("lighthouse", "ru").searches, term("lighthouse", "ru").last_result_count) == (1, 0)
    assert Query.get("lighthouse").hits == 8


def test_batches_add_up(client):
    for _batch in range(3):
        search(client, "en", "Blorptangle")
        search(client, "en", "Blorptangle")
        hit_counts.flush()
    blorptangle = term("blorptangle")
    assert (blorptangle.searches, blorptangle.searches_without_results) == (6, 6)
    assert QueryDailyHits.objects.get(query__query_string="blorptangle").hits == 6


def test_the_counts_are_stored_after_a_batch_of_searches(client, settings):
    settings.SEARCH_COUNTS_FLUSH_EVERY = 3
    search(client, "en", "choir")
    search(client, "en", "choir")
    assert not SearchTerm.objects.filter(query__query_string="choir").exists()
    search(client, "en", "choir")
    assert term("choir").searches == 3


def test_the_counts_are_stored_a_while_after_the_last_batch(client):
    search(client, "en", "choir")
    assert not SearchTerm.objects.filter(query__query_string="choir").exists()
    hit_counts.pending.last_flush -= hit_counts.FLUSH_SECONDS
    search(client, "en", "choir")
    assert term("choir").searches == 2


def test_a_batch_that_fails_is_stored_with_the_next(client, monkeypatch):
    search(client, "en", "choir")

    def fail(terms):
        raise RuntimeError("database away")

    with monkeypatch.context() as patched:
        patched.setattr(hit_counts, "add_search_terms", fail)
        hit_counts.flush()
    assert not SearchTerm.objects.filter(query__query_string="choir").exists()
    search(client, "en", "choir")
    hit_counts.flush()
    assert term("choir").searches == 2
    assert Query.get("choir").hits == 2


def test_a_queued_batch_is_one_task_of_plain_data(client, settings):
    """With a backend that runs tasks later (a worker), one flush queues one task, its arguments
    JSON as a database queue stores them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    search(client, "en", "choir")
    search(client, "en", "Blorptangle")
    hit_counts.flush()
    (queued,) = default_task_backend.results
    assert queued.task.func == hit_counts.store_search_counts.func
    stored_as = json.loads(json.dumps(queued.args))
    assert not SearchTerm.objects.exists()

    hit_counts.store_search_counts.call(*stored_as, **queued.kwargs)
    assert term("choir").searches == term("blorptangle").searches == 1


def test_a_gunicorn_worker_stores_its_counts_when_it_exits(client):
    path = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    search(client, "en", "choir")
    config.worker_exit(server=None, worker=None)
    assert term("choir").searches == 1


def test_the_searches_report_shows_the_stored_counts(client, demo_user):
    for _ in range(4):
        search(client, "en", "Blorptangle")
    hit_counts.flush()
    client.force_login(demo_user("editor"))
    html = client.get(reverse("search_terms_report"), {"q": "blorptangle"}).content.decode()
    assert "blorptangle" in html
    assert ">4<" in html.replace(" ", "").replace("\n", "")
