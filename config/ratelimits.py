"""The site's own rate limits, counted by allauth's limiter in the shared cache.

Every limit, allauth's and ours, is one table: ACCOUNT_RATE_LIMITS in
config/settings/base.py ("20/m/ip": 20 a minute per address; "key": per the
key given here). allauth's public helper skips GET requests, so this calls its
internal one with limit_get (pinned allauth 65.22; tests hold the limits).
"""

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def over_limit(request, *, action: str, key: str | None = None) -> bool:
    """Count this request against `action`; True when it is one too many."""
    if action not in settings.ACCOUNT_RATE_LIMITS:
        # allauth treats an action without a rate as unlimited: a forgotten
        # settings line would silently open a guessable code to guessing.
        raise ImproperlyConfigured(f"No rate limit for {action!r}.")
    usage = ratelimit.consume(
        request, app="allauth.account", action=action, key=key, limit_get=True
    )
    return usage is None
