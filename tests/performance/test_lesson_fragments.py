"""A lesson's breadcrumb, actions and lesson links are kept per page and generation;
whether this learner finished it, and what a break keeps, are their own."""

import pytest
from django.test import Client

from pagecache.generation import site_changed
from tests.factories import audience_page, make_module, rich_text
from tests.performance.clients import signed_in
from tests.training.certificates.builders import make_trainer
from training.models import LessonPage

SIGNED_IN_BREAK = "Taking a break keeps your progress."
ANONYMOUS_BREAK = "on this device for 30 days"


@pytest.fixture
def module(home):
    # Youth lessons are open to anonymous learners too.
    return make_module(parent=audience_page("youth"), lessons=2)


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


def test_a_lesson_body_follows_an_image_or_document_change(module):
    # A replaced image or document changes no revision of the lesson, only
    # the site generation (pagecache/invalidation.py): the body must follow it.
    lesson = list(module.lessons())[0]
    client = signed_in()
    client.get(lesson.url)
    LessonPage.objects.filter(pk=lesson.pk).update(
        body=[rich_text("The renditions moved.")]
    )
    assert "The renditions moved." not in client.get(lesson.url).text  # kept

    site_changed()

    assert "The renditions moved." in client.get(lesson.url).text


def test_a_draft_lesson_previews_its_own_body(module, staff_groups):
    lesson = list(module.lessons())[0]
    Client().get(lesson.url)  # the live body is kept
    lesson.body = [("rich_text", "<p>Draft wording.</p>")]
    revision = lesson.save_revision()
    trainer = Client()
    trainer.force_login(make_trainer(staff_groups))
    preview = trainer.get(f"/admin/pages/{lesson.pk}/revisions/{revision.pk}/view/")

    assert preview.status_code == 200 and "Draft wording." in preview.text
