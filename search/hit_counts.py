"""Searches are counted in each process's memory and stored in batches, by a task.

Storing each search as it was made (Wagtail's daily hits and the searches report's row) cost
reads and writes in every request, results kept in the cache included. Each process
instead adds up its searches here and hands them to one task (``store_search_counts``) once it
holds ``SEARCH_COUNTS_FLUSH_EVERY`` searches, once ``FLUSH_SECONDS`` have passed since it last
did, and when the process exits (gunicorn's ``worker_exit``; ``atexit`` in other processes). The
task adds the counts with F() increments, so the counts of every process add up exactly.

The check runs when a request has finished, after its response went out."""

import atexit
import datetime
import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from core import upstream

from .models import SearchTerm

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 60


def flush_every():
    """How many searches a process holds before it hands them on (1: each one at once)."""
    return getattr(settings, "SEARCH_COUNTS_FLUSH_EVERY", 100)


class PendingCounts:
    """The searches counted in this process and not yet handed to the task, one row per term,
    language and day. The threads of a worker share it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows = {}
        self.searches = 0
        self.last_flush = time.monotonic()

    def add(self, query_string, locale_id, result_count):
        now = timezone.now()
        self.merge(
            {
                "query": upstream.normalised_query(query_string),
                "locale": locale_id,
                "date": now.date().isoformat(),
                "searches": 1,
                "searches_without_results": 0 if result_count else 1,
                "last_result_count": result_count,
                "last_searched_at": now.isoformat(timespec="microseconds"),
            }
        )

    def merge(self, row):
        with self.lock:
            held = self.rows.setdefault(
                (row["query"], row["locale"], row["date"]),
                {**row, "searches": 0, "searches_without_results": 0},
            )
            held["searches"] += row["searches"]
            held["searches_without_results"] += row["searches_without_results"]
            if row["last_searched_at"] >= held["last_searched_at"]:
                held["last_result_count"] = row["last_result_count"]
                held["last_searched_at"] = row["last_searched_at"]
            self.searches += row["searches"]

    def is_due(self):
        return self.searches >= flush_every() or (
            self.searches and time.monotonic() - self.last_flush >= FLUSH_SECONDS
        )

    def take(self):
        with self.lock:
            rows, self.rows, self.searches = list(self.rows.values()), {}, 0
            self.last_flush = time.monotonic()
        return rows


pending = PendingCounts()


def count(query_string, locale, result_count):
    pending.add(query_string, locale.pk, result_count)


def flush():
    """Hand the searches counted so far to the task. If that fails, they wait for the next
    flush: the immediate backend runs the task at once and reports its failure as a result."""
    rows = pending.take()
    if not rows:
        return
    try:
        failed = store_search_counts.enqueue(rows).status == TaskResultStatus.FAILED
    except Exception:
        logger.exception("Could not hand on the counts of %d search terms", len(rows))
        failed = True
    if failed:
        for row in rows:
            pending.merge(row)


def flush_if_due(**kwargs):
    if pending.is_due():
        flush()


atexit.register(flush)


@task()
def store_search_counts(rows):
    """Add the searches one process counted: Wagtail's daily hits of each term and the searches
    report's row per term and language. A few queries for the whole batch."""
    with transaction.atomic():
        query_ids = query_ids_of({row["query"] for row in rows})
        daily_hits = defaultdict(int)
        terms = {}
        for row in rows:
            query_id = query_ids[row["query"]]
            daily_hits[query_id, datetime.date.fromisoformat(row["date"])] += row["searches"]
            term = terms.setdefault(
                (query_id, row["locale"]), {"searches": 0, "searches_without_results": 0}
            )
            term["searches"] += row["searches"]
            term["searches_without_results"] += row["searches_without_results"]
            searched_at = datetime.datetime.fromisoformat(row["last_searched_at"])
            if searched_at >= term.get("last_searched_at", searched_at):
                term["last_searched_at"] = searched_at
                term["last_result_count"] = row["last_result_count"]
        add_daily_hits(daily_hits)
        add_search_terms(terms)


def query_ids_of(query_strings):
    # Wagtail's Query.save() normalises the string; these are normalised already.
    Query.objects.bulk_create(
        [Query(query_string=query_string) for query_string in query_strings],
        ignore_conflicts=True,
    )
    return dict(
        Query.objects.filter(query_string__in=query_strings).values_list("query_string", "pk")
    )


def add_daily_hits(daily_hits):
    QueryDailyHits.objects.bulk_create(
        [QueryDailyHits(query_id=query_id, date=date) for query_id, date in daily_hits],
        ignore_conflicts=True,
    )
    QueryDailyHits.objects.filter(
        query_id__in={query_id for query_id, _date in daily_hits},
        date__in={date for _query_id, date in daily_hits},
    ).update(
        hits=F("hits")
        + Case(
            *(
                When(query_id=query_id, date=date, then=Value(hits))
                for (query_id, date), hits in daily_hits.items()
            ),
            default=Value(0),
        )
    )


def add_search_terms(terms):
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(
                query_id=query_id,
                locale_id=locale_id,
                last_result_count=term["last_result_count"],
                last_searched_at=term["last_searched_at"],
            )
            for (query_id, locale_id), term in terms.items()
        ],
        ignore_conflicts=True,
    )

    def added(name):
        return F(name) + Case(
            *(
                When(query_id=query_id, locale_id=locale_id, then=Value(term[name]))
                for (query_id, locale_id), term in terms.items()
            ),
            default=Value(0),
            output_field=SearchTerm._meta.get_field(name),
        )

    def latest(name):
        # Another process's batch may have stored a later search already.
        return Case(
            *(
                When(
                    query_id=query_id,
                    locale_id=locale_id,
                    last_searched_at__lte=term["last_searched_at"],
                    then=Value(term[name]),
                )
                for (query_id, locale_id), term in terms.items()
            ),
            default=F(name),
            output_field=SearchTerm._meta.get_field(name),
        )

    SearchTerm.objects.filter(
        query_id__in={query_id for query_id, _locale_id in terms},
        locale_id__in={locale_id for _query_id, locale_id in terms},
    ).update(
        searches=added("searches"),
        searches_without_results=added("searches_without_results"),
        last_result_count=latest("last_result_count"),
        last_searched_at=latest("last_searched_at"),
    )
