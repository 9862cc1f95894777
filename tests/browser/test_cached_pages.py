"""Forms on pages served from the page cache work for a first-time visitor,
with JavaScript and without, and keep their CSRF protection."""

import pytest
from playwright.sync_api import expect

from tests.factories import audience_page, make_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def site_settings():
    from wagtail.models import Site

    from audiences.models import SafetySettings

    return SafetySettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def youth_module(site_url):
    return make_module(parent=audience_page("youth"), lessons=2, title="Staying safe")


def first_lesson(module):
    return module.get_children().live().order_by("path").first()


def warm(browser, url: str) -> None:
    """Someone else reads the page first, so the visitor gets the cached copy."""
    other = browser.new_context()
    assert other.new_page().goto(url).headers.get("x-page-cache") in ("miss", "hit")
    other.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_finishes_a_lesson_from_a_cached_page(
    browser, site_url, youth_module, javascript
):
    from training.models import LessonCompletion

    url = f"{site_url}{first_lesson(youth_module).url}"
    warm(browser, url)
    page = browser.new_context(java_script_enabled=javascript).new_page()

    assert page.goto(url).headers["x-page-cache"] == "hit"
    page.get_by_role("button", name="Mark as finished and continue").click()

    expect(page.get_by_text("Lesson 2 of 2")).to_be_visible()
    assert LessonCompletion.objects.count() == 1
    # Now the visitor has a session: their pages are their own.
    assert "x-page-cache" not in page.goto(url).headers
    expect(page.get_by_text("Lesson 1 of 2 · finished")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_language_switcher_on_a_cached_page(browser, site_url, home, javascript):
    from wagtail.models import Locale

    spanish_locale, _ = Locale.objects.get_or_create(language_code="es")
    spanish = home.copy_for_translation(spanish_locale)
    spanish.save_revision().publish()
    warm(browser, f"{site_url}/")
    page = browser.new_context(java_script_enabled=javascript).new_page()

    assert page.goto(f"{site_url}/").headers["x-page-cache"] == "hit"
    page.get_by_role("button", name="Español").click()

    expect(page).to_have_url(f"{site_url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_search_and_quick_exit_from_a_cached_page(
    browser, site_url, youth_module, javascript
):
    settings = site_settings()
    warm(browser, f"{site_url}/")
    page = browser.new_context(java_script_enabled=javascript).new_page()
    assert page.goto(f"{site_url}/").headers["x-page-cache"] == "hit"

    exit_control = (
        page.locator("#quick-exit")
        if javascript
        else page.get_by_role("link", name="Quick exit")
    )
    expect(exit_control).to_be_visible()
    attribute = "data-quick-exit-url" if javascript else "href"
    expect(exit_control).to_have_attribute(attribute, settings.quick_exit_url)

    page.get_by_role("link", name="Search").first.click()
    page.get_by_role("searchbox").fill("Staying safe")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Staying safe")).to_be_visible()


def test_a_form_posted_with_another_visitors_token_is_refused(
    browser, site_url, youth_module
):
    from training.models import LessonCompletion

    url = f"{site_url}{first_lesson(youth_module).url}"
    stranger = browser.new_context().new_page()
    stranger.goto(url)
    strangers_token = stranger.locator("input[name=csrfmiddlewaretoken]").first
    token = strangers_token.get_attribute("value")

    visitor = browser.new_context().new_page()
    assert visitor.goto(url).headers["x-page-cache"] == "hit"
    visitor.locator("input[name=csrfmiddlewaretoken]").evaluate_all(
        "(inputs, token) => inputs.forEach(input => { input.value = token; })", token
    )
    visitor.get_by_role("button", name="Mark as finished and continue").click()

    expect(visitor.get_by_role("heading", level=1)).to_contain_text("403")
    assert LessonCompletion.objects.count() == 0
