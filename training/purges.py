"""Other apps' expiring records, purged with anonymous progress.

Training never imports the apps that build on it; they register here instead:
an app's `purges` module (found like admin.py is) calls `register_purge(fn)`,
and `purge_expired_anonymous_progress` runs every `fn(now=...)`.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils.module_loading import autodiscover_modules

Purge = Callable[..., int]
_purges: list[Purge] = []


def register_purge(purge: Purge) -> Purge:
    """Run `purge(now=...)` (returning rows deleted) with the anonymous purge."""
    if purge not in _purges:
        _purges.append(purge)
    return purge


def run_registered_purges(*, now: datetime) -> int:
    autodiscover_modules("purges")
    return sum(purge(now=now) for purge in list(_purges))
