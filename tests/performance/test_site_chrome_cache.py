"""The site's chrome is rendered once per generation, never for the wrong visitor.

The whole-page cache for first-time visitors is off here (PAGE_CACHE_SECONDS=0),
so every request below renders its page and reads the chrome from the
fragment cache (audiences/templatetags/generation_cache.py).
"""

import re

import pytest
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from wagtail.models import Site

from audiences.models import SafetySettings
from tests.factories import audience_page, make_user
from tests.performance.clients import signed_in

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CURRENT = re.compile(r'href="([^"]+)" aria-current="page"')


@pytest.fixture(autouse=True)
def _no_whole_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def learner(home):
    return make_user()


def test_a_learners_header_never_shows_to_an_anonymous_visitor(learner):
    assert "Log out" in signed_in(learner).get("/providers/").text

    html = Client().get("/providers/").text
    assert "Log out" not in html
    assert 'href="/accounts/login/"' in html
    assert 'href="/my-training/"' not in html


def test_an_anonymous_header_never_shows_to_a_learner(learner):
    assert "Log out" not in Client().get("/providers/").text

    html = signed_in(learner).get("/providers/").text
    assert "Log out" in html
    assert 'href="/my-training/"' in html
    assert 'href="/accounts/login/"' not in html


@pytest.mark.parametrize("first", ["/providers/", "/es/providers/"])
def test_a_spanish_page_never_gets_the_english_chrome(home, first):
    Client().get(first)
    spanish = Client().get("/es/providers/").text
    english = Client().get("/providers/").text
    assert '<html lang="es">' in spanish
    assert ">Inicio<" in spanish and 'href="/es/search/"' in spanish
    assert ">Home<" not in spanish and 'href="/search/"' not in spanish
    assert ">Home<" in english and 'href="/search/"' in english
    assert ">Inicio<" not in english and 'href="/es/search/"' not in english


def test_the_current_page_is_marked_on_each_page(learner):
    for client in (Client(), signed_in(learner)):
        for url in ("/youth/", "/parents/", "/about-csec/"):
            assert CURRENT.findall(client.get(url).text) == [url]


def test_each_visitor_gets_their_own_working_csrf_token(learner, home):
    other = make_user()
    first = signed_in(learner).get("/providers/")
    client = signed_in(other, enforce_csrf_checks=True)
    second = client.get("/providers/")
    # The header came from the cache, with this visitor's own tokens in it.
    assert set(TOKEN.findall(second.text)).isdisjoint(TOKEN.findall(first.text))
    token = TOKEN.search(second.text.split('class="site-nav__logout"', 1)[1])
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_settings_change_shows_in_the_cached_chrome(learner):
    client = signed_in(learner)
    assert 'href="tel:18007925200"' in client.get("/providers/").text
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.dcf_hotline = "1-800-555-0199"
    safety.cac_name = "The Renamed CAC"
    safety.quick_exit_url = "https://example.org/news"
    safety.save()

    html = client.get("/providers/").text
    assert 'href="tel:18005550199"' in html  # the help bar
    assert "The Renamed CAC" in html  # the footer
    assert 'data-quick-exit-url="https://example.org/news"' in html


def test_publishing_a_renamed_page_changes_the_cached_nav_and_footer(learner, home):
    client = signed_in(learner)
    assert 'href="/about-csec/"' in client.get("/providers/").text
    about = home.get_children().get(slug="about-csec").specific
    about.slug = "what-is-csec"
    about.save_revision().publish()

    html = client.get("/providers/").text
    assert 'href="/what-is-csec/"' in html
    assert 'href="/about-csec/"' not in html


PER_PAGE = Template(
    "{% load generation_cache %}"
    "{% generation_cache 'probe' per_page %}{{ request.get_full_path }} {{ n }}"
    "{% endgeneration_cache %}"
)


def render_per_page(path: str, page, n: int, **request_attributes) -> str:
    """The probe fragment; `n` is not named in its key, so a kept copy shows
    the `n` it was rendered with."""
    request = RequestFactory().get(path)
    for name, value in request_attributes.items():
        setattr(request, name, value)
    return PER_PAGE.render(RequestContext(request, {"page": page, "n": n}))


def test_a_per_page_fragment_is_kept_per_page(home):
    assert render_per_page("/", home, 1) == "/ 1"
    assert render_per_page("/", home, 2) == "/ 1"
    youth = audience_page("youth")
    assert render_per_page("/youth/", youth, 3) == "/youth/ 3"
    assert render_per_page("/youth/", youth, 4) == "/youth/ 3"


def test_a_per_page_fragment_is_kept_only_for_a_page_at_its_own_address(home):
    assert render_per_page("/", home, 1) == "/ 1"
    assert render_per_page("/?from=email", home, 2) == "/?from=email 2"
    assert render_per_page("/", home, 3, is_preview=True) == "/ 3"
    # No page: a 404 or a view of its own.
    assert render_per_page("/made-up/", None, 4) == "/made-up/ 4"
    assert render_per_page("/made-up/", None, 5) == "/made-up/ 5"
