"""The shared cache (Redis), built so that Redis going away cannot take the site down.

With Redis down every read is a miss and every write is dropped: pages render
from the database, cached_db sessions read and write their database row, and
each process notices within a few milliseconds (short socket timeouts), then
leaves Redis alone for RETRY_AFTER_SECONDS, so a dead Redis costs nothing per
call and logs one line per process per retry, not one per call.

A write that was dropped may leave an older copy in a Redis that only became
unreachable (a network cut, not a restart): a logged-out session, say. Such keys
are deleted first thing once Redis answers again, so a copy older than the
database is never served after the outage.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A live Redis on the same network answers in well under a millisecond; a dead
# one must not hold a request for longer than a user would notice.
SOCKET_TIMEOUT_SECONDS = 0.25
RETRY_AFTER_SECONDS = 5
# Keys to delete on recovery, at most: beyond this (a long outage in a busy
# process) the rest are left to expire, and the log says so.
MAX_STALE_KEYS = 100_000


def cache_from_url(url: str) -> dict:
    """CACHE_URL/REDIS_URL as a Django cache; unset means this process's memory."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "config.cache_backends.ResilientRedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"Unsupported CACHE_URL scheme: {url.split(':')[0]}")


def cache_is_reachable(cache) -> bool:
    """False when `cache` is a shared one that cannot be reached right now."""
    check = getattr(cache, "is_reachable", None)
    return check() if check else True


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._stale_keys: set[str] = set()

    def is_reachable(self) -> bool:
        ping = self._guarded("ping", lambda: self._cache.get_client(write=True).ping())
        return bool(ping)

    def _guarded(self, operation, call, *, fallback=None, stale_keys=()):
        if time.monotonic() < self._down_until:
            self._remember_stale(stale_keys)
            return fallback
        try:
            self._delete_stale_copies()
            return call()
        except RedisError as error:
            self._remember_stale(stale_keys)
            with self._lock:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.error(
                "Redis cache unreachable (%s on %s): reads miss and writes are "
                "dropped for the next %s s",
                error.__class__.__name__,
                operation,
                RETRY_AFTER_SECONDS,
            )
            return fallback

    def _remember_stale(self, keys):
        with self._lock:
            room = MAX_STALE_KEYS - len(self._stale_keys)
            keys = list(keys)
            self._stale_keys.update(keys[:room])
        if len(keys) > room:
            logger.error("Too many dropped cache writes to remember; some may be stale")

    def _delete_stale_copies(self):
        with self._lock:
            keys, self._stale_keys = self._stale_keys, set()
        if not keys:
            return
        try:
            self._cache.delete_many(list(keys))
        except RedisError:
            self._remember_stale(keys)
            raise
        logger.warning("Redis cache reachable again; %s stale keys deleted", len(keys))

    def _keys(self, keys, version):
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # Every operation of Django's RedisCache, each with what a miss looks like.

    def add(self, key, value, timeout=None, version=None):
        parent = super().add
        return self._guarded(
            "add", lambda: parent(key, value, timeout, version), fallback=False
        )

    def get(self, key, default=None, version=None):
        parent = super().get
        return self._guarded(
            "get", lambda: parent(key, default, version), fallback=default
        )

    def set(self, key, value, timeout=None, version=None):
        parent = super().set
        self._guarded(
            "set",
            lambda: parent(key, value, timeout, version),
            stale_keys=self._keys([key], version),
        )

    def touch(self, key, timeout=None, version=None):
        parent = super().touch
        return self._guarded(
            "touch", lambda: parent(key, timeout, version), fallback=False
        )

    def delete(self, key, version=None):
        parent = super().delete
        return self._guarded(
            "delete",
            lambda: parent(key, version),
            fallback=False,
            stale_keys=self._keys([key], version),
        )

    def get_many(self, keys, version=None):
        parent = super().get_many
        return self._guarded("get_many", lambda: parent(keys, version), fallback={})

    def has_key(self, key, version=None):
        parent = super().has_key
        return self._guarded("has_key", lambda: parent(key, version), fallback=False)

    def incr(self, key, delta=1, version=None):
        parent = super().incr
        missing = object()
        value = self._guarded(
            "incr", lambda: parent(key, delta, version), fallback=missing
        )
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def set_many(self, data, timeout=None, version=None):
        parent = super().set_many
        failed = self._guarded(
            "set_many",
            lambda: parent(data, timeout, version),
            fallback=None,
            stale_keys=self._keys(data, version),
        )
        return list(data) if failed is None else failed

    def delete_many(self, keys, version=None):
        parent = super().delete_many
        keys = list(keys)
        self._guarded(
            "delete_many",
            lambda: parent(keys, version),
            stale_keys=self._keys(keys, version),
        )

    def clear(self):
        parent = super().clear
        return self._guarded("clear", parent, fallback=False)
