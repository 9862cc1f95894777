"""config/cache_backends.py against a real redis-server: misses, not crashes."""

import logging
import time

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import RequestFactory

from config import cache_backends
from config.cache_backends import ResilientRedisCache
from config.ratelimits import over_limit
from tests.shared_state.conftest import require_redis_server
from tests.shared_state.stack import RedisServer, free_port, wait_until

CLOSED_PORT_CACHE = {
    "default": {
        "BACKEND": "config.cache_backends.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
    }
}


def backend(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(url, {})


def test_an_unreachable_redis_reads_as_misses_drops_writes_and_costs_milliseconds(
    caplog,
):
    cache = backend(CLOSED_PORT_CACHE["default"]["LOCATION"])
    started = time.perf_counter()
    with caplog.at_level(logging.ERROR, logger="config.cache_backends"):
        for _ in range(50):
            assert cache.get("page", "default") == "default"
            cache.set("page", "html")
            assert cache.add("lock", True) is False
            assert cache.get_many(["a", "b"]) == {}
            assert "page" not in cache
            assert cache.delete("page") is False
            with pytest.raises(ValueError):
                cache.incr("counter")
    assert time.perf_counter() - started < 1.0  # 350 calls
    assert not cache.is_reachable()
    # One line for the outage, not one per call.
    assert len(caplog.records) == 1
    assert "Redis cache unreachable" in caplog.records[0].getMessage()


def test_a_copy_older_than_a_dropped_write_is_deleted_once_redis_answers(
    tmp_path, monkeypatch
):
    """A write Redis refused (here: out of memory; as well a network cut) leaves
    the older copy there, a session as it was before a change, say: once Redis
    takes writes again, that copy must be gone, not served."""
    require_redis_server()
    monkeypatch.setattr(cache_backends, "RETRY_AFTER_SECONDS", 0.2)
    redis = RedisServer(tmp_path)
    try:
        cache = backend(redis.url)
        cache.set("session", {"user": 1})
        redis.client.config_set("maxmemory", "1")  # every write refused now
        cache.set("session", {"user": 2})
        assert cache.get("session") is None  # a miss while Redis refuses
        assert redis.client.exists(":1:session"), "the old copy is still there"
        redis.client.config_set("maxmemory", "0")

        def old_copy_deleted():
            cache.get("anything")
            return not redis.client.exists(":1:session")

        wait_until(old_copy_deleted, seconds=5, what="the old copy to be deleted")
        cache.set("session", {"user": 2})
        assert cache.get("session") == {"user": 2}
    finally:
        redis.stop()


@pytest.mark.django_db
def test_sessions_live_in_the_database_while_redis_is_down(settings):
    settings.CACHES = CLOSED_PORT_CACHE
    session = SessionStore()
    session["learner"] = "pat"
    session.save()
    again = SessionStore(session.session_key)
    assert again["learner"] == "pat"
    assert again.exists(session.session_key)
    again.flush()
    assert not SessionStore().exists(session.session_key)


def test_the_sites_own_limits_count_in_process_memory_while_redis_is_down(
    settings, caplog
):
    settings.CACHES = CLOSED_PORT_CACHE
    request = RequestFactory().post("/classes/join/", REMOTE_ADDR="203.0.113.9")
    allowed = [not over_limit(request, action="class_join") for _ in range(61)]
    # "60/m/ip": a classroom still joins, a guesser is still stopped.
    assert allowed == [True] * 60 + [False]
    assert "counted in process memory" in caplog.text
