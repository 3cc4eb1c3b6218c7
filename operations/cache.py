import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, except that a Redis outage makes it behave like an empty cache
    that stores nothing, so pages keep being served (from the database) while Redis is down.

    Errors are logged as warnings, at most one every few seconds per worker thread, with how many
    were ignored since the previous one, so an outage does not flood the logs.
    """

    LOG_INTERVAL_SECONDS = 5

    def __init__(self, server, params):
        super().__init__(server, params)
        self._last_logged = 0.0
        self._unlogged_errors = 0

    def _ignore(self, operation, error):
        self._unlogged_errors += 1
        now = time.monotonic()
        if now - self._last_logged >= self.LOG_INTERVAL_SECONDS:
            logger.warning(
                "Cache unavailable, carrying on without it (%s: %s; %d failed operations ignored)",
                operation,
                error,
                self._unlogged_errors,
                extra={"cache_operation": operation, "ignored_errors": self._unlogged_errors},
            )
            self._last_logged = now
            self._unlogged_errors = 0

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._ignore("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._ignore("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._ignore("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._ignore("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._ignore("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._ignore("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._ignore("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            # As if the counter had just been created: callers (counters, rate limits) go on.
            self._ignore("incr", error)
            return delta

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._ignore("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self._ignore("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            self._ignore("clear", error)
            return False
