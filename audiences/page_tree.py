"""Which pages a visitor can reach: a page is only as published as its ancestors.

Wagtail's `live` flag is per page: unpublishing a module leaves its lessons
live. The site serves, lists and searches a page only if it and every ancestor
up to the home page are live.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page


def url_path_chain(*, root_url_path: str, url_path: str) -> list[str]:
    """The url_paths from the root to `url_path`: /home/, /home/a/, /home/a/b/."""
    parts = url_path.removeprefix(root_url_path).strip("/").split("/")
    return [root_url_path] + [
        root_url_path + "/".join(parts[: index + 1]) + "/"
        for index in range(len(parts))
        if parts[0]
    ]


def reachable_page(*, root_url_path: str, url_path: str) -> Page | None:
    """The page at `url_path` under the home page at `root_url_path`, if it and
    all its ancestors are live.

    One query for the whole chain; the caller asks for `.specific`.
    """
    chain = list(
        Page.objects.filter(
            url_path__in=url_path_chain(root_url_path=root_url_path, url_path=url_path)
        )
    )
    page = next((p for p in chain if p.url_path == url_path), None)
    if page is None or not all(p.live for p in chain):
        return None
    return page


def exclude_unpublished_branches(pages: QuerySet) -> QuerySet:
    """Drop pages below any page that is not live (one query for those paths)."""
    hidden = Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True)
    below_hidden = Q()
    for path in hidden:
        below_hidden |= Q(path__startswith=path)
    return pages.exclude(below_hidden) if below_hidden else pages
