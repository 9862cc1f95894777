"""Serving a page: Wagtail's serve view, with what every request asks from cache.

Wagtail looks up the site, the active Locale and the localized home page on every
request, then asks for the page's view restrictions; none of that changes
between publishes. Here the site, each language's home and the page itself
come from the cache under the site generation (found, on a miss, by its URL
path with its ancestors checked in the same query, audiences/page_tree.py), and
the view-restriction check runs only when the site has a restriction at all.
Hooks run as in wagtail.views.serve.
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


def _find_page(home_pk: int, home_path: str, url_path: str) -> Page | None:
    """The live, reachable specific page at `url_path`: two queries."""
    if url_path == home_path:
        page = Page.objects.filter(pk=home_pk, live=True).first()
    else:
        page = reachable_page(root_url_path=home_path, url_path=url_path)
    return page.specific if page else None


def route(request, path: str) -> RouteResult | None:
    site = site_for_request(request)
    if site is None:
        return None
    home_pk, home_path = home_url_path(site)
    components = [part for part in path.split("/") if part]
    url_path = home_path + "".join(part + "/" for part in components)
    # The page itself is kept, as found and before anything reads it: a copy
    # comes out of the cache on each request. Addresses with no page are not
    # kept, so made-up addresses cannot fill the cache.
    key = _key("page", site.pk, home_pk, url_path)
    page = cache.get(key)
    if page is None:
        page = _find_page(home_pk, home_path, url_path)
        if page is None:
            return None
        cache.set(key, page, CACHE_SECONDS)
    return RouteResult(page)


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
