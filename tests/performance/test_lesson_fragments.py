"""A lesson's breadcrumb, actions and lesson links are kept per page and generation;
whether this learner finished it, and what a break keeps, are their own."""

import pytest
from django.test import Client

from tests.factories import audience_page, make_module, make_user
from training.models import LessonPage

SIGNED_IN_BREAK = "Taking a break keeps your progress."
ANONYMOUS_BREAK = "on this device for 30 days"


@pytest.fixture
def module(home):
    # Youth lessons are open to anonymous learners too.
    return make_module(parent=audience_page("youth"), lessons=2)


def signed_in() -> Client:
    client = Client()
    client.force_login(make_user())
    return client


def test_what_a_break_keeps_follows_the_visitor(module, settings):
    settings.PAGE_CACHE_SECONDS = 0
    lesson = list(module.lessons())[0]
    assert SIGNED_IN_BREAK in signed_in().get(lesson.url).text
    html = Client().get(lesson.url).text
    assert ANONYMOUS_BREAK in html and SIGNED_IN_BREAK not in html
    assert SIGNED_IN_BREAK in signed_in().get(lesson.url).text


def test_finishing_shows_to_that_learner_only(module):
    first = list(module.lessons())[0]
    learner, other = signed_in(), signed_in()
    learner.post(first.url)
    assert "· finished" in learner.get(first.url).text
    assert "· finished" not in other.get(first.url).text


def test_a_new_lesson_shows_in_the_last_ones_links_at_once(module):
    client = signed_in()
    last = list(module.lessons())[-1]
    html = client.get(last.url).text
    assert "Next:" not in html and "Lesson 2 of 2" in html
    module.add_child(
        instance=LessonPage(title="Lesson 3", slug="lesson-3", body=[])
    ).save_revision().publish()

    html = client.get(last.url).text
    assert "Next: Lesson 3" in html and "Lesson 2 of 3" in html
    assert "Mark as finished and continue" in html
