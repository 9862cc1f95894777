"""A young person switches to Portuguese on a lesson and finishes the module and
its quiz in Portuguese, by keyboard; Spanish and Portuguese pages pass axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)
from tests.translations.builders import load_pseudo_translated_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MODULE_URL = "/youth/understanding-exploitation/"


@pytest.fixture
def translated(site_url, tmp_path):
    load_pseudo_translated_site(tmp_path, languages=("es", "pt"))
    return site_url


def tab_to_selector(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def answer_correctly(page) -> None:
    from quizzes.models import Attempt

    attempt = Attempt.objects.latest("started_at")
    assert attempt.language == "pt"
    for question in attempt.questions:
        for choice in question["choices"]:
            if choice["correct"]:
                box = page.locator(f'input[value="{choice["id"]}"]')
                box.focus()
                page.keyboard.press("Space")
                expect(box).to_be_checked()


def test_a_youth_switches_to_portuguese_and_finishes_by_keyboard(page, translated):
    from training.models import TrainingModulePage

    english = TrainingModulePage.objects.get(
        locale__language_code="en", slug="understanding-exploitation"
    )
    first_lesson = english.lessons().first()
    page.goto(f"{translated}{first_lesson.url}")
    tab_to_selector(page, 'button[lang="pt"]')
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    assert page.url.endswith(f"/pt{first_lesson.url}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("[pt] ")
    # The choice is remembered: the English address now leads to Portuguese.
    page.goto(f"{translated}{MODULE_URL}")
    assert page.url.endswith(f"/pt{MODULE_URL}")
    page.goto(f"{translated}/pt{first_lesson.url}")

    for _ in range(2):
        tab_to_selector(page, "main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "pt")
    # After the last lesson: the module page, with the quiz open.
    assert page.url.endswith(f"/pt{MODULE_URL}")
    tab_to_selector(page, 'form[action*="/quizzes/start/"] button')
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    expect(page.locator("main fieldset").first).to_contain_text("[pt] ")

    answer_correctly(page)
    tab_to_selector(page, 'button[value="submit"]')
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    assert page.url.endswith("/result/")

    from quizzes.models import Attempt

    assert Attempt.objects.latest("started_at").passed
    # The English module knows: the module is complete in every language.
    page.goto(f"{translated}/youth/")
    assert page.url.endswith("/pt/youth/")
    expect(page.locator(".badge--done").first).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_spanish_and_portuguese_pages_are_accessible(page, translated, width):
    page.set_viewport_size({"width": width, "height": 900})
    for language in ("es", "pt"):
        for path in ["/", "/youth/", MODULE_URL, "/about-csec/", "/get-help/"]:
            page.goto(f"{translated}/{language}{path}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert_no_horizontal_scroll(page)
            assert_no_axe_violations(page)
