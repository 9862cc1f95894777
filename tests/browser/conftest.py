"""Browser harness: Playwright drives the system Chromium; axe-core checks a11y.

Where Chromium is missing the browser tests skip with a reason, except under CI
(CI=true), where a skipped browser test would hide a broken flow: there it fails.
"""

import os
from pathlib import Path

import pytest

from tests.browser import one_request_at_a_time

one_request_at_a_time.install()

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 320}


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true" and browser_items:
        raise pytest.UsageError(f"CI=true but {reason}: browser tests cannot run.")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def site_url(live_server, home):
    """The live server's address, with the Wagtail site pointed at it."""
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return live_server.url


@pytest.fixture
def provider_module(site_url):
    """A providers' certificate module with a two-question quiz (right answers
    read "Right answer N")."""
    from quizzes.models import Choice, Question, Quiz
    from tests.factories import audience_page, make_module

    quiz = Quiz.objects.create(title="Reporting check", live=True, pass_mark=80)
    for number, prompt in enumerate(
        ["Who must report suspected CSEC?", "Where do you report in Massachusetts?"]
    ):
        question = Question.objects.create(
            quiz=quiz,
            prompt=prompt,
            topic="mandated reporting",
            explanation="As the lessons explain.",
            sort_order=number,
        )
        for index, (text, correct) in enumerate(
            [
                (f"Right answer {number + 1}", True),
                (f"Wrong answer {number + 1}", False),
            ]
        ):
            Choice.objects.create(
                question=question, text=text, is_correct=correct, sort_order=index
            )
    module = make_module(
        parent=audience_page("providers"),
        lessons=2,
        title="Mandated reporting of CSEC",
        issues_certificate=True,
        valid_for_months=24,
    )
    module.quiz = quiz
    module.save_revision().publish()
    return module


def assert_no_axe_violations(page) -> None:
    """Fail on any WCAG 2.0/2.1 A or AA violation axe-core finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            }
        },
    )
    violations = results.response["violations"]
    assert not violations, results.generate_report()


def assert_no_horizontal_scroll(page) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert scroll_width <= viewport, f"page is {scroll_width}px wide at {viewport}px"


@pytest.fixture(autouse=True)
def no_csp_violations(request):
    """Every browser test fails if the page broke the Content-Security-Policy."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield
    assert violations == []


def sign_in(context, site_url, user) -> None:
    """Sign `user` in on a browser context (the login flow, second factor
    included, is tested in tests/accounts)."""
    from django.test import Client

    client = Client()
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": site_url,
            }
        ]
    )
