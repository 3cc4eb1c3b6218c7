"""What /healthz checks: the database answers a query and the cache keeps what is put in it
(failures), and the mails to send are not held up (a warning)."""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from core.mail import mail_task_paths

logger = logging.getLogger(__name__)


def database_failure():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database is unreachable")
        return "database unreachable"
    return None


def cache_failure():
    # The cache backend swallows Redis errors so pages keep being served; a value that does not
    # come back is how the health check notices Redis is gone.
    # A key of its own per probe, so that servers probing at the same moment do not collide.
    token = uuid.uuid4().hex
    key = f"operations:healthz:{token}"
    try:
        cache.set(key, token, timeout=10)
        stored = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the cache is unreachable")
        return "cache unreachable"
    if stored != token:
        logger.error("Health check: the cache did not keep a value")
        return "cache unreachable"
    return None


# A mail due longer than this has not been sent: the worker is not running or is overwhelmed.
MAIL_WAIT_LIMIT = datetime.timedelta(minutes=15)
# Failed attempts (each retried later, or given up) are reported for this long.
MAIL_FAILURE_WINDOW = datetime.timedelta(hours=1)
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"


def mail_backlog():
    """Mail tasks due for over MAIL_WAIT_LIMIT, or failed (the mail server refused or did not
    answer) in the last MAIL_FAILURE_WINDOW. Only the database task queue can be asked: with
    RQ (production with TASKS_REDIS_URL) or tasks run inline this check is not made."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_TASKS:
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    overdue = now - MAIL_WAIT_LIMIT
    since = now - MAIL_FAILURE_WINDOW
    try:
        counts = (
            DBTaskResult.objects.filter(task_path__in=mail_task_paths())
            # Only the rows that can count: the results table keeps every task done.
            .filter(Q(status="READY") | Q(status="FAILED", finished_at__gte=since))
            .aggregate(
                waiting=Count(
                    "pk",
                    filter=Q(status="READY", enqueued_at__lt=overdue)
                    & (Q(run_after=get_date_max()) | Q(run_after__lt=overdue)),
                ),
                failed=Count("pk", filter=Q(status="FAILED")),
            )
        )
    except Exception:
        logger.exception("Health check: the mail tasks could not be counted")
        return "mail backlog unknown"
    if not counts["waiting"] and not counts["failed"]:
        return None
    logger.error(
        "Health check: %s mail(s) waiting over %s, %s failed attempt(s) in the last %s",
        counts["waiting"],
        MAIL_WAIT_LIMIT,
        counts["failed"],
        MAIL_FAILURE_WINDOW,
    )
    return f"mail backlog: {counts['waiting']} waiting, {counts['failed']} failed"


def failed_checks():
    """What makes this server unfit to serve pages (503)."""
    return [failure for failure in (database_failure(), cache_failure()) if failure]


def warnings():
    """What needs a person but not taking the server out of the load balancer: a mail server
    that is down would otherwise take every app server, and so the site, offline."""
    return [warning for warning in (mail_backlog(),) if warning]
