"""Other apps' expiring records, purged with anonymous progress.

Training never imports the apps that build on it; they register here instead:
an app's `purges` module (found like admin.py is) calls `register_purge(fn)`,
and `purge_expired_anonymous_progress` runs every `fn(now=...)` first, in the
same transaction, while the expiring records are still there to read (insights
keeps counts of them that name no one).
"""

from collections.abc import Callable
from datetime import datetime

from django.db.models import Q
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


def sessions_still_live(*, now: datetime) -> Q:
    """Rows whose anonymous session still has a record that has not expired:
    a session is purged whole, 30 days after its last step, never in part."""
    from quizzes.models import Attempt
    from training.models import LessonCompletion, LessonView

    still_live = Q()
    for model in (LessonCompletion, LessonView, Attempt):
        still_live |= Q(
            anonymous_key__in=model.objects.filter(
                user__isnull=True, expires_at__gte=now
            ).values("anonymous_key")
        )
    return still_live
