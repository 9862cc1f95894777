import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)
from tests.factories import audience_page, make_module
from tests.training.test_page_tree import EVERY_BLOCK

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def youth_module(site_url):
    from training.models import LessonPage

    module = make_module(
        parent=audience_page("youth"),
        lessons=2,
        title="Staying safe online",
        content_note="This module talks about sexual abuse. You can pause at any time.",
    )
    lesson = module.add_child(
        instance=LessonPage(title="Every block", slug="every-block", body=EVERY_BLOCK)
    )
    lesson.save_revision().publish()
    return module


def tab_to(page, name: str, *, exact: bool = False, limit: int = 80) -> None:
    """Press Tab until the focused element's text contains (or is) `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("(document.activeElement.innerText || '').trim()")
        if text == name or (not exact and name in text):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_learner_goes_through_a_module_by_keyboard_only(page, site_url, youth_module):
    page.goto(f"{site_url}/youth/")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying safe online")
    expect(page.get_by_text("This module talks about sexual abuse")).to_be_visible()

    tab_to(page, "Start")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Lesson 1 of 3")).to_be_visible()

    for number in (1, 2):
        tab_to(page, "Mark as finished")
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"Lesson {number + 1} of 3")).to_be_visible()

    # The every-block lesson: open a knowledge-check answer with the keyboard.
    tab_to(page, "No", exact=True)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Yes. Right.")).to_be_visible()
    tab_to(page, "Mark as finished")
    page.keyboard.press("Enter")

    expect(page.get_by_text("3 of 3 lessons finished")).to_be_visible()
    expect(page.get_by_role("link", name="Review from the start")).to_be_visible()


def test_take_a_break_keeps_progress(page, site_url, youth_module):
    first = youth_module.lessons().first()
    page.goto(f"{site_url}{first.url}")
    page.get_by_role("button", name="Mark as finished and continue").click()
    page.get_by_role("link", name="Take a break").click()
    expect(page.get_by_text("1 of 3 lessons finished")).to_be_visible()
    page.goto(f"{site_url}/youth/")
    expect(
        page.get_by_role("link", name="Continue Staying safe online")
    ).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_module_and_every_block_lesson_are_accessible(
    page, site_url, youth_module, width
):
    page.set_viewport_size({"width": width, "height": 900})
    every_block = youth_module.lessons().get(slug="every-block")
    for url in (youth_module.url, every_block.url):
        page.goto(f"{site_url}{url}")
        # Open every <details> so axe checks the revealed content too.
        page.evaluate(
            "document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)
