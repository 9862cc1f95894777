"""Fixtures shared by every test: the site tree and small builders."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from the live_server tests are still made synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home(db):
    """The page tree `make setup` builds: home, four audience pages, site pages."""
    from audiences.setup import setup_site

    return setup_site()


@pytest.fixture
def staff_groups(home):
    from accounts.roles import ensure_staff_groups

    return ensure_staff_groups(home=home)


@pytest.fixture(autouse=True)
def _english_to_start():
    """Each test starts in English. The test client runs LocaleMiddleware in the
    test's own thread, and it leaves the last request's language active: a test
    after a Spanish page would otherwise reverse() Spanish addresses."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; no test should inherit another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
