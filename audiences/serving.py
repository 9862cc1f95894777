"""Serving a page: Wagtail's serve view, with what every request asks from cache.

Wagtail looks up the site, the active Locale and the localized home page on every
request, then asks for the page's view restrictions; none of that changes
between publishes. Here the site and each language's home come from the cache,
the page is found by its URL path in one query (and its ancestors checked in
the same query, audiences/page_tree.py), and the view-restriction check runs only
when the site has a restriction at all. Hooks run as in wagtail.views.serve.
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from audiences.page_tree import reachable_page
from pagecache.generation import generation_key

CACHE_SECONDS = 60 * 60


def _key(*parts) -> str:
    # The site generation moves on any change to sites, pages or view
    # restrictions, in every process (pagecache/): nothing here goes stale.
    return generation_key("serving", *parts)


def site_for_request(request) -> Site | None:
    """Site.find_for_request, cached by host (and remembered on the request as
    Wagtail's own lookup does, so every later call is free)."""
    if not hasattr(request, "_wagtail_site"):
        host, port = request.get_host().split(":")[0], request.get_port()
        key = _key("site", host, port)
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            cache.set(key, site, CACHE_SECONDS)
        request._wagtail_site = site
    return request._wagtail_site


def home_url_path(site: Site) -> tuple[int, str]:
    """(pk, url_path) of the site's home page in the active language."""
    language = translation.get_language() or "en"
    key = _key("home", site.pk, language)
    found = cache.get(key)
    if found is None:
        home = site.root_page.localized
        found = (home.pk, home.url_path)
        cache.set(key, found, CACHE_SECONDS)
    return found


def site_has_view_restrictions() -> bool:
    key = _key("any-view-restriction")
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, CACHE_SECONDS)
    return found


def route(request, path: str) -> RouteResult | None:
    site = site_for_request(request)
    if site is None:
        return None
    home_pk, home_path = home_url_path(site)
    components = [part for part in path.split("/") if part]
    if not components:
        home = Page.objects.filter(pk=home_pk, live=True).first()
        return RouteResult(home.specific) if home else None
    url_path = home_path + "/".join(components) + "/"
    page = reachable_page(root_url_path=home_path, url_path=url_path)
    return RouteResult(page.specific) if page else None


def serve(request, path):
    result = route(request, path)
    # Wagtail code that asks Page.route_for_request later finds the answer.
    request._wagtail_route_for_request = result
    if result is None:
        raise Http404
    page, args, kwargs = result
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions and not site_has_view_restrictions():
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        response = fn(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)
