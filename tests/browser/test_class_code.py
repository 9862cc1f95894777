import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)
from tests.organisations.builders import make_youth_class, make_youth_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def youth_class(site_url):
    module = make_youth_module(title="Staying safe online", with_quizzes=False)
    return make_youth_class(module=module, name="Health, period 3")


def test_a_young_person_on_a_phone_types_the_code_and_lands_in_the_module(
    page, site_url, youth_class
):
    from organisations.models import ClassLearner

    page.set_viewport_size({"width": WIDTHS["phone"], "height": 700})
    page.goto(f"{site_url}/class/")
    assert_no_horizontal_scroll(page)
    field = page.get_by_label("Class code")
    expect(field).to_be_visible()
    assert field.bounding_box()["width"] >= 240  # a big target on a small screen

    field.fill("ACDE-3479")  # not a class
    page.get_by_role("button", name="Join the class").click()
    expect(page.locator("#id_code_error")).to_contain_text(
        "We could not find a class with that code"
    )
    assert_no_horizontal_scroll(page)

    code = youth_class.code
    page.get_by_label("Class code").fill(f"{code[:4].lower()} {code[4:].lower()}")
    page.get_by_role("button", name="Join the class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying safe online")
    assert ClassLearner.objects.filter(youth_class=youth_class).count() == 1


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_class_code_pages_pass_axe(page, site_url, youth_class, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/class/")
    # The safety chrome is there: quick exit first, hotlines.
    page.keyboard.press("Tab")
    assert "exit" in page.evaluate("document.activeElement.innerText").lower()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Join the class").click()  # empty: an error
    assert_no_axe_violations(page)
    page.goto(f"{site_url}/class/{youth_class.code}/")
    expect(page.get_by_role("button", name="Join and start")).to_be_visible()
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)
