"""The Redis cache carries on when Redis is down: pages and sign-in keep working."""

import logging
import re
import socket
import threading
import uuid
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings

import operations.cache
from operations.cache import TolerantRedisCache

from .helpers import closed_port, redis_cache_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down():
    with override_settings(CACHES=redis_cache_settings(closed_port())):
        yield


@pytest.mark.usefixtures("redis_down")
def test_every_cache_operation_behaves_like_an_empty_cache(caplog):
    caplog.set_level(logging.WARNING, logger="operations.cache")
    assert cache.get("key", "fallback") == "fallback"
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("key") is False
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    cache.delete_many(["a", "b"])
    assert cache.incr("counter", 3) == 3
    assert cache.get_or_set("key", "computed") == "computed"
    assert cache.clear() is False
    warnings = [r for r in caplog.records if r.name == "operations.cache"]
    # Logged, but not once per operation.
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


class UnresponsiveRedis:
    """A server that accepts connections and never answers, as a hung Redis does; counts the
    connections, one per attempt (the client gives a connection up when it times out)."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.connections.append(self.server.accept()[0])
            except OSError:  # closed
                return

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


def test_a_hung_redis_costs_a_page_one_timeout_not_one_per_operation(client):
    hung = UnresponsiveRedis()
    try:
        with override_settings(CACHES=redis_cache_settings(hung.port)):
            for url in ["/en/", "/en/events/", "/fi/"]:
                assert client.get(url).status_code == 200
        # Dozens of cache operations in three pages, one of them tried: the first timeout
        # pauses the cache (without the pause: one connection per operation).
        assert len(hung.connections) == 1
    finally:
        hung.close()


def test_redis_is_asked_again_after_the_pause(caplog, monkeypatch):
    caplog.set_level(logging.WARNING, logger="operations.cache")
    clock = [1000.0]
    monkeypatch.setattr(operations.cache, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    with override_settings(CACHES=redis_cache_settings(closed_port())):
        cache.get("asked")
        cache.get("skipped")
        clock[0] += TolerantRedisCache.PAUSE_SECONDS + TolerantRedisCache.LOG_INTERVAL_SECONDS
        cache.get("asked-again")
    warnings = [r.getMessage() for r in caplog.records if r.name == "operations.cache"]
    assert len(warnings) == 2
    assert "2 failed or skipped operations" in warnings[1]


@pytest.mark.usefixtures("redis_down")
def test_pages_and_admin_sign_in_work_while_redis_is_down(client, demo_user):
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        for url in ["/en/", "/fi/", "/ru/", "/en/events/"]:
            assert client.get(url).status_code == 200, url
        # A search that really runs (the view reads `q`) and lists what it found.
        searched = client.get("/en/search/?q=turku")
        assert searched.status_code == 200
        html = searched.content.decode()
        assert re.search(r"[1-9]\d* results? for “turku”", html)
        assert '<li class="search-result' in html
        client.force_login(demo_user("editor"))
        assert client.get("/admin/").status_code == 200


def redis_listening():
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not redis_listening(), reason="no Redis server on 127.0.0.1:6379")
def test_values_round_trip_through_a_running_redis():
    # Database 2 of the local Redis; keys are unique to this run and removed.
    with override_settings(CACHES=redis_cache_settings(6379, db=2)):
        key = f"operations-test:{uuid.uuid4().hex}"
        cache.set(key, {"page": 3}, timeout=30)
        assert cache.get(key) == {"page": 3}
        assert cache.add(key + ":n", 0) is True
        assert cache.incr(key + ":n", 2) == 2
        assert cache.get_many([key]) == {key: {"page": 3}}
        cache.delete_many([key, key + ":n"])
        assert cache.get(key) is None
