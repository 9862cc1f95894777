"""The site's own rate limits, counted by allauth's limiter in the shared cache.

Every limit, allauth's and ours, is one table: ACCOUNT_RATE_LIMITS in
config/settings/base.py ("20/m/ip": 20 a minute per address; "key": per the
key given here). allauth's public helper skips GET requests, so this calls its
internal one with limit_get (pinned allauth 65.22; tests hold the limits).

When the shared cache (Redis) is unreachable, these limits are counted in this
process's memory instead: each process then holds the limit on its own, so a
site with N processes lets through at most N times as much for the outage,
and class codes, verification and emails keep working. Login is stricter: it
refuses to run at all without the shared count (accounts/adapter.py).
"""

import logging
import threading
import time

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from config.cache_backends import cache_is_reachable

logger = logging.getLogger(__name__)

APP = "allauth.account"
DAY = 24 * 60 * 60
MAX_LOCAL_KEYS = 10_000
_local_hits: dict[str, list[float]] = {}
_local_lock = threading.Lock()


def over_limit(request, *, action: str, key: str | None = None) -> bool:
    """Count this request against `action`; True when it is one too many."""
    if action not in settings.ACCOUNT_RATE_LIMITS:
        # allauth treats an action without a rate as unlimited: a forgotten
        # settings line would silently open a guessable code to guessing.
        raise ImproperlyConfigured(f"No rate limit for {action!r}.")
    if not cache_is_reachable(cache):
        logger.warning("Rate limit %r counted in process memory: cache down", action)
        return _over_local_limit(request, action=action, key=key)
    usage = ratelimit.consume(request, app=APP, action=action, key=key, limit_get=True)
    return usage is None


def _over_local_limit(request, *, action: str, key: str | None) -> bool:
    """allauth's own counting (same keys, same rates), in a dict of this process."""
    now = time.time()
    with _local_lock:
        for rate in ratelimit.get_rates(app=APP, action=action):
            cache_key = ratelimit.get_cache_key(
                request, app=APP, action=action, rate=rate, key=key
            )
            history = _local_hits.get(cache_key, [])
            allowed, history = ratelimit.apply_rate(history, now, rate)
            _local_hits[cache_key] = history
            if not allowed:
                return True
        _forget_expired(now)
    return False


def _forget_expired(now: float) -> None:
    """Bound the memory: drop keys with no hit inside the longest rate ("1/d")."""
    if len(_local_hits) <= MAX_LOCAL_KEYS:
        return
    for cache_key in [
        k for k, hits in _local_hits.items() if not hits or hits[0] < now - DAY
    ]:
        del _local_hits[cache_key]
