"""Exact query counts for a learner's lesson, so a query that comes back fails.

Everything that is the same for every learner comes from the cache: the site,
the page the URL leads to (audiences/serving.py) and the chrome around it
(audiences/templatetags/generation_cache.py). What is left is the learner's own.
"""

import pytest
from django.test import Client

from tests.factories import audience_page, make_module
from tests.performance.clients import signed_in


@pytest.fixture
def timed_lesson(home):
    # A module that counts time in its lessons records every visit.
    module = make_module(
        parent=audience_page("providers"), lessons=3, min_lesson_minutes=5
    )
    return list(module.lessons())[1]


def test_a_signed_in_lesson_costs_three_queries(
    timed_lesson, django_assert_num_queries
):
    client = signed_in()
    assert client.get(timed_lesson.url).status_code == 200
    # The user, their open visit of this lesson and their finished lessons in
    # the module; the module and its lessons are kept (training/outline.py).
    with django_assert_num_queries(3):
        assert client.get(timed_lesson.url).status_code == 200


def test_a_signed_in_lesson_in_spanish_costs_the_same(
    timed_lesson, django_assert_num_queries
):
    client = signed_in()
    url = "/es" + timed_lesson.url
    assert client.get(url).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_a_signed_in_audience_page_costs_seven_queries(home, django_assert_num_queries):
    make_module(parent=audience_page("providers"), lessons=2)
    client = signed_in()
    assert client.get("/providers/").status_code == 200
    # The user and the page's own: its modules (public ones), their lessons,
    # the learner's progress in them and the audience's live sessions.
    with django_assert_num_queries(7):
        assert client.get("/providers/").status_code == 200


def test_a_first_visit_to_a_timed_lesson_costs_its_writes_only(
    timed_lesson, django_assert_num_queries
):
    Client().get(timed_lesson.url)  # the chrome and the page, once for everyone
    # The module's audience (may anonymous visitors learn?), the visit looked
    # up and recorded (a savepoint around the insert), and the new session
    # saved (is the key free?, then its insert in a savepoint); the module and
    # its lessons are kept (training/outline.py).
    with django_assert_num_queries(9):
        response = Client().get(timed_lesson.url)
    assert response.status_code == 200
