"""A learner fails, reviews, retries and passes a quiz with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)
from tests.browser.test_learning import tab_to
from tests.quizzes.builders import make_quiz_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quiz_module(site_url):
    return make_quiz_module(audience="youth", questions=2, lessons=1)


def answer_all(page, choice_text: str, count: int) -> None:
    """Tab to each question's first radio, then arrow to the wanted choice."""
    for number in range(1, count + 1):
        group = page.get_by_role("group", name=f"Question {number} of {count}")
        radio = group.get_by_role("radio", name=choice_text)
        radio.focus()
        page.keyboard.press("Space")
        expect(radio).to_be_checked()


def test_fail_review_retry_pass_by_keyboard(page, site_url, quiz_module):
    lesson = quiz_module.lessons().first()
    page.goto(f"{site_url}{lesson.url}")
    tab_to(page, "Mark as finished")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Take the final quiz")).to_be_visible()
    tab_to(page, "Take the final quiz")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz")
    answer_all(page, "Wrong", 2)
    tab_to(page, "Submit answers")
    page.keyboard.press("Enter")

    expect(page.get_by_text("You did not pass this time")).to_be_visible()
    expect(page.get_by_text("(correct answer)").first).to_be_visible()  # the review
    tab_to(page, "Try again")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Final quiz")

    answer_all(page, "Right", 2)
    tab_to(page, "Submit answers")
    page.keyboard.press("Enter")
    expect(page.get_by_text("You passed")).to_be_visible()
    expect(page.get_by_text("This module is complete")).to_be_visible()


def test_a_missing_answer_is_named_and_focusable(page, site_url, quiz_module):
    lesson = quiz_module.lessons().first()
    page.goto(f"{site_url}{lesson.url}")
    page.get_by_role("button", name="Mark as finished").click()
    page.get_by_role("button", name="Take the final quiz").click()
    page.get_by_role("group", name="Question 1 of 2").get_by_label("Right").check()
    page.get_by_role("button", name="Submit answers").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Question 2: Please answer this question.")
    # The first answer was kept.
    expect(
        page.get_by_role("group", name="Question 1 of 2").get_by_label("Right")
    ).to_be_checked()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_quiz_and_result_pages_are_accessible(page, site_url, quiz_module, width):
    page.set_viewport_size({"width": width, "height": 900})
    lesson = quiz_module.lessons().first()
    page.goto(f"{site_url}{lesson.url}")
    page.get_by_role("button", name="Mark as finished").click()
    page.get_by_role("button", name="Take the final quiz").click()
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)
    for number in (1, 2):
        group = page.get_by_role("group", name=f"Question {number} of 2")
        group.get_by_label("Wrong").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You did not pass this time")).to_be_visible()
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)


def test_a_timed_quiz_counts_down(page, site_url):
    module = make_quiz_module(audience="youth", questions=1, time_limit_minutes=10)
    page.goto(f"{site_url}{module.lessons().first().url}")
    page.get_by_role("button", name="Mark as finished").click()
    page.get_by_role("button", name="Take the final quiz").click()
    clock = page.locator(".quiz-timer__clock")
    first = clock.inner_text()
    assert first.startswith(("10:00", "9:5"))
    expect(clock).not_to_have_text(first, timeout=5000)
    assert_no_axe_violations(page)
