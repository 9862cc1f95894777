"""Page query budgets: no query per lesson or module."""

import pytest

from tests.factories import DEFAULT_PASSWORD, audience_page, make_module, make_user
from training.models import LessonCompletion


@pytest.fixture
def learner_client(client, home):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    client.user = user
    return client


def complete(user, module, count):
    for lesson in list(module.lessons())[:count]:
        LessonCompletion.objects.create(user=user, lesson=lesson, module=module)


@pytest.mark.parametrize("lesson_count", [3, 12])
def test_lesson_page_for_a_learner_with_progress(
    learner_client, django_assert_max_num_queries, lesson_count
):
    module = make_module(parent=audience_page("providers"), lessons=lesson_count)
    complete(learner_client.user, module, 2)
    lesson = list(module.lessons())[2]
    learner_client.get(lesson.url)  # warm the site-settings and session caches
    with django_assert_max_num_queries(12):
        response = learner_client.get(lesson.url)
    assert response.status_code == 200
    assert f"Lesson 3 of {lesson_count}" in response.content.decode()


def test_audience_page_with_twenty_modules(
    learner_client, django_assert_max_num_queries
):
    parent = audience_page("providers")
    for _ in range(20):
        module = make_module(parent=parent, lessons=2)
        complete(learner_client.user, module, 1)
    learner_client.get("/providers/")  # warm the site-settings and session caches
    with django_assert_max_num_queries(12):
        response = learner_client.get("/providers/")
    assert response.content.decode().count('class="card"') == 20


def test_my_training_with_twenty_modules_in_progress(
    learner_client, django_assert_max_num_queries
):
    parent = audience_page("parents")
    for _ in range(20):
        module = make_module(parent=parent, lessons=3)
        complete(learner_client.user, module, 1)
    learner_client.get("/my-training/")  # warm the site-settings and session caches
    with django_assert_max_num_queries(12):
        response = learner_client.get("/my-training/")
    assert response.content.decode().count("1 of 3 lessons finished") == 20
