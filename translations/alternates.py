"""The page a visitor is on, in each of the site's languages.

For the language switcher, the hreflang links and the offer to read in the
browser's language. A Wagtail page links to its live translations (one query,
then cached under the site generation: any publish starts a new one) and,
where a language has none yet, to that language's home page; every other view
exists in every language at the same path under /es/ or /pt/.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from audiences.navigation import links_for
from audiences.serving import site_for_request
from pagecache.generation import generation_key

CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # the language's name in that language: "Español"
    url: str  # where the switcher sends a visitor who picks this language
    absolute_url: str  # the same, with scheme and host (hreflang wants them)
    translated: bool  # this page itself exists in the language (hreflang)
    current: bool


def _page_urls(page: Page, request) -> dict[str, str]:
    key = generation_key("alternates", request.get_host(), page.pk)
    urls = cache.get(key)
    if urls is None:
        translations = (
            page.get_translations(inclusive=True).live().select_related("locale")
        )
        urls = {
            found.locale.language_code: found.get_url(request=request)
            for found in translations
        }
        cache.set(key, urls, CACHE_SECONDS)
    return urls


def alternates(request, page: Page | None = None) -> list[Alternate]:
    """One entry per language, remembered on the request (the page asks twice)."""
    if getattr(request, "_language_alternates", None) is None:
        current = translation.get_language() or settings.LANGUAGE_CODE
        if page is not None:
            urls = _page_urls(page, request)
        else:
            path = request.get_full_path()
            urls = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
        site = site_for_request(request)
        request._language_alternates = []
        for code, name in settings.LANGUAGES:
            url = urls.get(code) or links_for(site, code).get("home", "/")
            request._language_alternates.append(
                Alternate(
                    code=code,
                    name=name,
                    url=url,
                    absolute_url=request.build_absolute_uri(url),
                    translated=code in urls,
                    current=code == current,
                )
            )
    return request._language_alternates
