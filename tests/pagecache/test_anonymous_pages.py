"""First-time visitors' pages come from the cache; nobody else's ever do."""

import re

import pytest
from django.test import Client
from wagtail.models import Site

from audiences.models import SafetySettings
from pagecache.generation import CACHE_KEY, site_generation
from pagecache.models import SiteGeneration
from tests.factories import audience_page, make_module, make_user
from training.models import LessonCompletion

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def youth_module(home):
    return make_module(parent=audience_page("youth"), lessons=2, title="Staying safe")


def lesson_url(module, number=1):
    return module.get_children().live().order_by("path")[number - 1].url


def served(response) -> str:
    return response.headers.get("X-Page-Cache", "")


@pytest.mark.parametrize(
    "path", ["/", "/youth/", "/about-csec/", "/certificates/verify/"]
)
def test_a_first_time_visitors_page_is_rendered_once_then_served(
    client, home, path, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200 and served(first) == "miss"
    with django_assert_max_num_queries(0):
        second = Client().get(path)
    assert served(second) == "hit"
    # The same page, apart from each visitor's own CSRF tokens.
    assert TOKEN.sub("", second.text) == TOKEN.sub("", first.text)


def test_module_and_lesson_pages_are_cached_for_visitors(youth_module):
    for path in (youth_module.url, lesson_url(youth_module)):
        Client().get(path)
        again = Client().get(path)
        assert served(again) == "hit", path
        assert "Staying safe" in again.text


def test_publishing_a_page_shows_the_new_version_at_once(youth_module):
    Client().get(youth_module.url)
    youth_module.title = "Staying safe online"
    youth_module.save_revision().publish()

    response = Client().get(youth_module.url)
    assert served(response) == "miss"
    assert "Staying safe online" in response.text


def test_changing_the_safety_settings_changes_every_page(home):
    Client().get("/")
    settings = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    settings.dcf_hotline = "1-800-555-0199"
    settings.save()

    assert "1-800-555-0199" in Client().get("/").text


def test_a_changed_snippet_shows_at_once(youth_module):
    from audiences.models import Audience

    Client().get("/youth/")
    youth = Audience.objects.get(slug="youth")
    youth.description = "A new line about this audience."
    youth.save()

    response = Client().get("/youth/")
    assert served(response) == "miss"


def test_another_process_learns_of_a_publish_from_the_database(home):
    before = site_generation()
    # Another gunicorn worker published: the row moved, this process's copy did not.
    SiteGeneration.objects.update_or_create(
        pk=1, defaults={"changed_at": "2031-01-01T00:00:00Z"}
    )
    assert site_generation() == before
    from django.core.cache import cache

    cache.delete(CACHE_KEY)  # what GENERATION_RECHECK_SECONDS does by expiring
    assert site_generation() != before


def test_each_language_is_kept_apart(home):
    Client().get("/")
    Client().get("/es/")
    english, spanish = Client().get("/"), Client().get("/es/")
    assert served(english) == served(spanish) == "hit"
    assert '<html lang="es">' in spanish.text
    assert '<html lang="en">' in english.text


def test_a_signed_in_learner_never_gets_a_cached_page(client, youth_module):
    Client().get(lesson_url(youth_module))
    client.force_login(make_user(name="Sam Provider"))
    response = client.get(lesson_url(youth_module))
    assert served(response) == ""
    assert "private" in response["Cache-Control"]


def test_a_signed_in_learners_page_is_never_kept_for_others(client, youth_module):
    client.force_login(make_user(name="Sam Provider"))
    path = lesson_url(youth_module)
    client.post(path)
    assert "Lesson 1 of 2 · finished" in client.get(path).text

    response = Client().get(path)
    assert served(response) == "miss"  # nothing was kept from the learner's page
    assert "· finished" not in response.text


def test_a_visitor_with_progress_gets_their_own_page(youth_module):
    visitor = Client()
    visitor.post(lesson_url(youth_module))  # finishes lesson 1: a session now
    Client().get(youth_module.url)  # a stranger fills the cache

    response = visitor.get(youth_module.url)
    assert served(response) == ""
    assert LessonCompletion.objects.count() == 1


def test_the_admin_is_never_cached(home):
    Client().get("/admin/")
    assert served(Client().get("/admin/")) == ""


def test_a_response_that_sets_a_cookie_is_not_kept(youth_module, settings):
    # A lesson that times the visit starts a session on the first look.
    youth_module.min_lesson_minutes = 1
    youth_module.save_revision().publish()
    path = lesson_url(youth_module)
    first = Client().get(path)
    assert settings.SESSION_COOKIE_NAME in first.cookies
    assert served(first) == ""
    assert served(Client().get(path)) == ""


def test_a_cached_pages_form_posts_with_the_visitors_own_token(youth_module):
    path = lesson_url(youth_module)
    Client(enforce_csrf_checks=True).get(path)  # someone else fills the cache

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(path)
    assert served(page) == "hit"
    token = TOKEN.search(page.text)[1]
    response = visitor.post(path, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert LessonCompletion.objects.count() == 1


def test_a_token_from_someone_elses_page_is_refused(youth_module):
    path = lesson_url(youth_module)
    stranger = Client(enforce_csrf_checks=True)
    strangers_token = TOKEN.search(stranger.get(path).text)[1]

    visitor = Client(enforce_csrf_checks=True)
    visitor.get(path)
    response = visitor.post(path, {"csrfmiddlewaretoken": strangers_token})
    assert response.status_code == 403
    assert LessonCompletion.objects.count() == 0


def test_two_visitors_of_one_cached_page_get_different_tokens(youth_module):
    path = lesson_url(youth_module)
    first, second = Client().get(path), Client().get(path)
    assert served(second) == "hit"
    assert TOKEN.search(first.text)[1] != TOKEN.search(second.text)[1]
    assert "__csrf_token_placeholder__" not in second.text
