"""The site's generation: a token every cached page and fragment keys on.

Publishing a page, saving a snippet or a setting makes a new generation, so
everything cached under the old one is simply never read again (it ages out).
That is one write per change instead of knowing which pages show what.
"""

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from pagecache.models import SiteGeneration

CACHE_KEY = "pagecache:generation"
# How stale a process's copy may be. A shared cache (Redis) hears a publish at
# once; a per-process one (LocMemCache, one per gunicorn worker) only from the
# database, so each process looks again this often: one tiny query per period.
GENERATION_RECHECK_SECONDS = 5


def site_generation() -> str:
    token = cache.get(CACHE_KEY)
    if token is None:
        token = _stored_generation()
        cache.set(CACHE_KEY, token, GENERATION_RECHECK_SECONDS)
    return token


def generation_key(*parts) -> str:
    """A cache key that belongs to this generation: `generation_key("site", host)`."""
    first, *rest = map(str, parts)
    return ":".join([first, site_generation(), *rest])


def site_changed() -> None:
    """Start a new generation, here and for every other process."""
    now = timezone.now()
    if not SiteGeneration.objects.filter(pk=1).update(changed_at=now):
        SiteGeneration.objects.get_or_create(pk=1, defaults={"changed_at": now})
    cache.set(CACHE_KEY, _token(now), GENERATION_RECHECK_SECONDS)


def _stored_generation() -> str:
    try:
        row = SiteGeneration.objects.filter(pk=1).first()
    except DatabaseError:  # before migrate, or the database is away
        return "0"
    return _token(row.changed_at) if row else "0"


def _token(moment) -> str:
    return str(int(moment.timestamp() * 1_000_000))
