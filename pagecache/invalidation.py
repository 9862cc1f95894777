"""What makes a new site generation: any change to what anonymous pages show.

Pages (publish, unpublish, move, delete and draft saves alike: a draft save is
rare and over-forgetting is harmless), snippets, site settings, sites, locales,
view restrictions, images and documents. Renditions are left out: they are
created while a page renders, and would forget the page being cached.
"""

from functools import cache

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pagecache.generation import site_changed

SETTINGS = (BaseSiteSetting, BaseGenericSetting)
ALWAYS = (Page, *SETTINGS, Site, Locale, PageViewRestriction)
ALSO = (AbstractImage, AbstractDocument)


@cache
def shows_on_pages(model) -> bool:
    from wagtail.snippets.models import get_snippet_models

    hooks.search_for_hooks()  # snippets registered in wagtail_hooks modules
    return issubclass(model, ALWAYS + ALSO) or model in get_snippet_models()


def _model_changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    if kwargs.get("created") and issubclass(sender, SETTINGS):
        # A settings row is made, with its defaults, the first time a page
        # reads it: pages showed those defaults already. Editing saves again.
        return
    if shows_on_pages(sender):
        forget_pages()


def _page_changed(sender, **kwargs) -> None:
    forget_pages()


def forget_pages() -> None:
    # Now, and again once the change is committed: a page that began rendering
    # between the two read the old generation, so what it stores is never used.
    site_changed()
    transaction.on_commit(site_changed)


def connect() -> None:
    # Every model's saves pass here; the check is a subclass test, and the
    # snippet registry is complete only once every app's hooks have loaded.
    post_save.connect(_model_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_model_changed, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pagecache-{signal!r}")
