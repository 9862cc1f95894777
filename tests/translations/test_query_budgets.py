"""The query budgets hold in Spanish as in English: no query per module or lesson,
and the switcher, hreflang and review notice cost a fixed few."""

import pytest
from wagtail.models import Locale

from tests.factories import DEFAULT_PASSWORD, audience_page, make_module, make_user
from training.models import LessonCompletion


def translate(module, locale):
    """The module and its lessons, published in `locale` (as a translator would)."""
    copy = module.copy_for_translation(locale)
    copy.save_revision().publish()
    for lesson in module.get_children().specific():
        lesson.copy_for_translation(locale).save_revision().publish()
    return copy


@pytest.fixture
def learner_client(client, translated_site):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    client.user = user
    return client


def test_a_spanish_lesson_and_a_spanish_audience_page_keep_their_budgets(
    learner_client, django_assert_max_num_queries
):
    spanish = Locale.objects.get(language_code="es")
    modules = [
        make_module(parent=audience_page("parents"), lessons=3) for _ in range(20)
    ]
    for module in modules:
        lesson = module.get_children().specific().first()
        LessonCompletion.objects.create(
            user=learner_client.user, lesson=lesson, module=module
        )
        translate(module, spanish)
    lessons = list(modules[0].get_children().specific())
    url = "/es" + lessons[1].url
    learner_client.get(url)  # warm the site-settings and session caches
    with django_assert_max_num_queries(12):
        response = learner_client.get(url)
    assert (
        response.status_code == 200 and '<html lang="es">' in response.content.decode()
    )
    learner_client.get("/es/parents/")
    with django_assert_max_num_queries(12):
        response = learner_client.get("/es/parents/")
    assert response.content.decode().count('class="card"') == 20
