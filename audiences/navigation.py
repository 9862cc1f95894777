"""Where the site's named pages live, so templates link by name, not by typed path.

Every page shows the footer and help bar, so the addresses are looked up once
per site and language and cached (a Spanish page links to the Spanish About
page, falling back to the English one where no translation exists) under
the site generation: publishing, unpublishing, moving or deleting any page
starts a new one in every process (pagecache/), so a trainer renaming a slug
never leaves a dead link behind.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from audiences.models import AudiencePage, HomePage, StandardPage, TrainingRequestPage
from audiences.serving import site_for_request
from pagecache.generation import generation_key

CACHE_SECONDS = 60 * 60


def _relative_url(page: Page, site: Site) -> str:
    return page.get_url(current_site=site) or ""


def _named_pages(home: Page, site: Site) -> dict[str, str]:
    links = {"home": _relative_url(home, site)}
    children = Page.objects.child_of(home).live()
    for page in AudiencePage.objects.filter(pk__in=children).select_related("audience"):
        links[page.audience.slug] = _relative_url(page, site)
    for page in StandardPage.objects.filter(pk__in=children).exclude(site_role=""):
        links[page.site_role] = _relative_url(page, site)
    request_page = TrainingRequestPage.objects.filter(pk__in=children).first()
    if request_page is not None:
        links["request_training"] = _relative_url(request_page, site)
    return links


def _lookup_links(site: Site | None, language: str) -> dict[str, str]:
    english_home = (
        site.root_page.specific
        if site
        else HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )
    if english_home is None:
        return {}
    links = _named_pages(english_home, site)
    if language != english_home.locale.language_code:
        home = (
            Page.objects.live()
            .filter(
                translation_key=english_home.translation_key,
                locale__language_code=language,
            )
            .first()
        )
        if home is not None:
            links |= _named_pages(home, site)
    return links


def links_for(site: Site | None, language: str) -> dict[str, str]:
    key = generation_key("site-links", site.pk if site else None, language)
    links = cache.get(key)
    if links is None:
        links = _lookup_links(site, language)
        cache.set(key, links, CACHE_SECONDS)
    return links


def site_links(request) -> dict[str, str]:
    """Role -> URL path ("about", "get_help", "privacy", "request_training",
    "home" and each audience slug) in the active language; a role whose page is
    gone is simply absent."""
    return links_for(
        site_for_request(request), translation.get_language() or settings.LANGUAGE_CODE
    )
