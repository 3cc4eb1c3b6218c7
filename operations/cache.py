import logging
import time
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, except that a Redis outage makes it behave like an empty cache
    that stores nothing, so pages keep being served (from the database) while Redis is down.

    After a failed operation the cache does not ask Redis again for ``PAUSE_SECONDS`` (a circuit
    breaker): a Redis that accepts connections but does not answer then costs one request one
    socket timeout, not one per cache operation of every request. Nothing is lost meanwhile:
    what is published moves the content version on in the database (core/caching.py), never
    in the cache.

    Errors are logged as warnings, at most one every few seconds per worker thread, with how many
    were ignored since the previous one, so an outage does not flood the logs.
    """

    LOG_INTERVAL_SECONDS = 5
    PAUSE_SECONDS = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._last_logged = 0.0
        self._unlogged_errors = 0
        self._paused_until = 0.0

    def _carry_on(self, operation, fallback, call):
        """``call()``, or ``fallback`` when Redis fails or failed a moment ago."""
        if time.monotonic() < self._paused_until:
            self._unlogged_errors += 1
            return fallback
        try:
            return call()
        except RedisError as error:
            self._paused_until = time.monotonic() + self.PAUSE_SECONDS
            self._ignore(operation, error)
            return fallback

    def _ignore(self, operation, error):
        self._unlogged_errors += 1
        now = time.monotonic()
        if now - self._last_logged >= self.LOG_INTERVAL_SECONDS:
            logger.warning(
                "Cache unavailable, carrying on without it for %d s "
                "(%s: %s; %d failed or skipped operations)",
                self.PAUSE_SECONDS,
                operation,
                error,
                self._unlogged_errors,
                extra={"cache_operation": operation, "ignored_errors": self._unlogged_errors},
            )
            self._last_logged = now
            self._unlogged_errors = 0

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._carry_on("add", False, partial(super().add, key, value, timeout, version))

    def get(self, key, default=None, version=None):
        return self._carry_on("get", default, partial(super().get, key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._carry_on("set", None, partial(super().set, key, value, timeout, version))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._carry_on("touch", False, partial(super().touch, key, timeout, version))

    def delete(self, key, version=None):
        return self._carry_on("delete", False, partial(super().delete, key, version))

    def get_many(self, keys, version=None):
        return self._carry_on("get_many", {}, partial(super().get_many, keys, version))

    def has_key(self, key, version=None):
        return self._carry_on("has_key", False, partial(super().has_key, key, version))

    def incr(self, key, delta=1, version=None):
        # As if the counter had just been created: callers (counters, rate limits) go on.
        return self._carry_on("incr", delta, partial(super().incr, key, delta, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._carry_on(
            "set_many", list(data), partial(super().set_many, data, timeout, version)
        )

    def delete_many(self, keys, version=None):
        self._carry_on("delete_many", None, partial(super().delete_many, keys, version))

    def clear(self):
        return self._carry_on("clear", False, super().clear)
