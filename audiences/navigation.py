"""Where the site's named pages live, so templates link by name, not by typed path.

Every page shows the footer and help bar, so the addresses are looked up once
and cached; publishing, unpublishing, moving or deleting any page clears them
(a trainer renaming a slug must never leave a dead link behind).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from audiences.models import AudiencePage, HomePage, StandardPage, TrainingRequestPage
from audiences.serving import forget_serving_cache

CACHE_SECONDS = 60 * 60
CACHE_KEY = "site-links:{site_id}"


def _relative_url(page: Page, site: Site) -> str:
    return page.get_url(current_site=site) or ""


def _lookup_links(site: Site) -> dict[str, str]:
    home = site.root_page.specific if site else HomePage.objects.first()
    if home is None:
        return {}
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


def site_links(request) -> dict[str, str]:
    """Role -> URL path ("about", "get_help", "privacy", "request_training",
    "home" and each audience slug); a role whose page is gone is simply absent."""
    site = Site.find_for_request(request)
    key = CACHE_KEY.format(site_id=site.pk if site else None)
    links = cache.get(key)
    if links is None:
        links = _lookup_links(site)
        cache.set(key, links, CACHE_SECONDS)
    return links


def forget_site_links() -> None:
    site_ids = [*Site.objects.values_list("pk", flat=True), None]
    cache.delete_many([CACHE_KEY.format(site_id=pk) for pk in site_ids])


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
def _page_tree_changed(sender, **kwargs):
    forget_site_links()
    forget_serving_cache()
