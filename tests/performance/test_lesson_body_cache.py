"""A lesson's rendered body is kept per page, live revision and language."""

import pytest

from tests.factories import (
    DEFAULT_PASSWORD,
    audience_page,
    make_module,
    make_user,
    rich_text,
)


@pytest.fixture
def learner_client(client, home):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    return client


def test_publishing_a_lesson_shows_its_new_body_to_learners(learner_client):
    module = make_module(parent=audience_page("providers"), lessons=2)
    lesson = list(module.lessons())[0]
    assert "Lesson 1 text." in learner_client.get(lesson.url).content.decode()

    lesson.body = [rich_text("Revised lesson text.")]
    lesson.save_revision().publish()

    body = learner_client.get(lesson.url).content.decode()
    assert "Revised lesson text." in body
    assert "Lesson 1 text." not in body


def test_each_lesson_keeps_its_own_body(learner_client):
    module = make_module(parent=audience_page("providers"), lessons=2)
    first, second = list(module.lessons())
    assert "Lesson 1 text." in learner_client.get(first.url).content.decode()
    body = learner_client.get(second.url).content.decode()
    assert "Lesson 2 text." in body
    assert "Lesson 1 text." not in body
