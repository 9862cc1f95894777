"""A lesson's module and its lessons come from the cache (training/outline.py),
and every change to the module's pages shows on the next visit."""

import pytest

from tests.factories import audience_page, make_module
from tests.performance.clients import signed_in
from training.outline import lesson_outline


@pytest.fixture
def module(home):
    return make_module(parent=audience_page("youth"), lessons=3)


def test_an_unpublished_lesson_leaves_the_count_and_the_links(module):
    first, middle, last = module.lessons()
    client = signed_in()
    assert "Lesson 1 of 3" in client.get(first.url).text

    middle.unpublish()

    html = client.get(first.url).text
    assert "Lesson 1 of 2" in html and f"Next: {last.title}" in html


def test_a_module_rule_published_applies_to_its_lessons(module):
    first = module.lessons().first()
    assert lesson_outline(first)[0].min_lesson_minutes == 0
    module.min_lesson_minutes = 5
    module.save_revision().publish()

    assert lesson_outline(first)[0].min_lesson_minutes == 5


def test_one_entry_serves_every_lesson_of_the_module(module, django_assert_num_queries):
    first, middle, last = module.lessons()
    lesson_outline(first)
    with django_assert_num_queries(0):
        outline_module, lessons = lesson_outline(last)
    assert outline_module.pk == module.pk
    assert [lesson.pk for lesson in lessons] == [first.pk, middle.pk, last.pk]
