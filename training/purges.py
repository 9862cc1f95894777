"""Other apps' expiring records, purged with anonymous progress.

Training never imports the apps that build on it; they register here instead:
an app's `purges` module (found like admin.py is) calls `register_purge(fn)`,
and `purge_expired_anonymous_progress` runs every `fn(now=...)` first, in the
same transaction, while the expiring records are still there to read (insights
keeps counts of them that name no one).
"""

from collections.abc import Callable
from datetime import datetime

from django.utils.module_loading import autodiscover_modules

Purge = Callable[..., int]
_purges: list[Purge] = []


def register_purge(purge: Purge) -> Purge:
    """Run `purge(now=...)` (returning rows deleted or written) with the
    anonymous purge, before its own deletions."""
    if purge not in _purges:
        _purges.append(purge)
    return purge


def run_registered_purges(*, now: datetime) -> int:
    autodiscover_modules("purges")
    return sum(purge(now=now) for purge in list(_purges))
