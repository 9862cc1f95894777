"""The site's own 503 page when the database cannot be reached (PostgreSQL restarting).

Django's handler500 (config/urls.py) is the one place that sees an uncaught
exception from anywhere in a request: the view, or a middleware that read the
session or the site's generation before the view ran. A database that went
away is not a bug in the page, so it answers 503 "try again shortly" instead
of 500, with the hotlines, and without touching the database. Django logs the
exception with its traceback (django.request), as for any 500. The next request
gets a new connection by itself (CONN_HEALTH_CHECKS in config/settings/base.py).
"""

import sys

from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(error: BaseException | None) -> bool:
    """The error, or one it was raised from, is the database being unreachable."""
    for _ in range(10):  # a template or a library may have wrapped it
        if error is None:
            return False
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return default_server_error(request, template_name)


def database_unavailable(request) -> HttpResponse:
    context = {"s": _hotlines(request)}
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _hotlines(request):
    """This site's SafetySettings from the cache when the request knew its site,
    else the model's defaults (the CAC's own numbers): never the database."""
    from audiences.models import SafetySettings

    site = getattr(request, "_wagtail_site", None)
    try:
        cached = cache.get(SafetySettings.cache_key(site.pk)) if site else None
    except Exception:  # noqa: BLE001 - an error page must not fail
        cached = None
    return cached or SafetySettings()
