"""What /healthz checks: the database answers a query and the cache keeps what is put in it."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

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


def failed_checks():
    return [failure for failure in (database_failure(), cache_failure()) if failure]
