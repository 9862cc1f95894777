import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EXIT_URL = "https://www.weather.gov/"


@pytest.fixture
def exit_page(page):
    """Answer the neutral exit site locally: this machine has no internet."""
    page.route(
        "https://www.weather.gov/**",
        lambda route: route.fulfill(
            body="<title>Weather</title>", content_type="text/html"
        ),
    )
    return page


def test_quick_exit_by_click_leaves_the_site(exit_page, site_url):
    exit_page.goto(f"{site_url}/youth/")
    entries_before = exit_page.evaluate("history.length")
    exit_page.get_by_role("button", name="Quick exit").click()
    expect(exit_page).to_have_url(EXIT_URL)
    # location.replace: the exit took the training page's place in history,
    # so "Back" does not lead to it.
    assert exit_page.evaluate("history.length") == entries_before


def test_quick_exit_by_pressing_shift_three_times(exit_page, site_url):
    exit_page.goto(f"{site_url}/")
    for _ in range(3):
        exit_page.keyboard.press("Shift")
    expect(exit_page).to_have_url(EXIT_URL)


def test_quick_exit_is_the_first_thing_tab_reaches(page, site_url):
    page.goto(f"{site_url}/parents/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "quick-exit"


def test_quick_exit_is_visible_without_scrolling_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{site_url}/")
    box = page.locator("#quick-exit").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 568
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    expect(page.locator("#quick-exit")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(
    "path", ["/", "/youth/", "/accounts/login/", "/accounts/signup/"]
)
def test_pages_are_accessible_at_desktop_and_phone_widths(page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}{path}")
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)


def test_no_request_leaves_the_site(page, site_url):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not re.match(
                r"^(https?://(localhost|127\.0\.0\.1)[:/]|data:|blob:)", request.url
            )
            else None
        ),
    )
    for path in ("/", "/youth/", "/accounts/login/"):
        page.goto(f"{site_url}{path}")
        page.wait_for_load_state("networkidle")
    assert outside == []
