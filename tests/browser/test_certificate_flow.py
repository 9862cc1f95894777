"""A provider signs up, finishes a module, passes the quiz, downloads and verifies."""

import io
import re

import pypdf
import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import (
    WIDTHS,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-browser-password"


def sign_up_and_verify(page, site_url) -> None:
    page.goto(f"{site_url}/accounts/signup/")
    page.get_by_label("Full name").fill("Casey Provider")
    page.get_by_label("Email").fill("casey@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)[1]
    page.goto(f"{site_url}{path}")
    page.get_by_role("button", name="Confirm").click()
    # Confirmed in the browser that signed up: logged in at once (issue 11).
    expect(page.get_by_role("link", name="My training")).to_be_visible()


def finish_module_and_pass(page, site_url, module) -> None:
    page.goto(f"{site_url}{module.url}")
    page.get_by_role("link", name="Start", exact=True).click()
    page.get_by_role("button", name="Mark as finished and continue").click()
    page.get_by_role("button", name="Mark as finished", exact=True).click()
    page.get_by_role("button", name="Take the final quiz").click()
    for number in (1, 2):
        page.get_by_text(f"Right answer {number}").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You passed")).to_be_visible()


def test_a_provider_earns_downloads_and_verifies_a_certificate(
    page, site_url, provider_module, tmp_path
):
    sign_up_and_verify(page, site_url)
    finish_module_and_pass(page, site_url, provider_module)

    page.get_by_role("link", name="Get your certificate").click()
    expect(page.get_by_label("Name to print on the certificate")).to_have_value(
        "Casey Provider"
    )
    page.get_by_role("button", name="Get your certificate").click()
    expect(page.get_by_text("Your certificate is ready.")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate").click()
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    assert "CaseyProvider" in text and "MandatedreportingofCSEC" in text
    verify_path = re.search(r"(/certificates/verify/[A-Z2-7]{32}/)", text)[1]

    page.goto(f"{site_url}{verify_path}")
    expect(page.locator("#result-heading")).to_have_text("This certificate is valid")
    expect(page.get_by_text("Casey Provider")).to_be_visible()

    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for path in (verify_path, "/my-training/", "/certificates/verify/"):
            page.goto(f"{site_url}{path}")
            assert_no_axe_violations(page)
            assert_no_horizontal_scroll(page)


def test_a_nurse_learns_without_an_account_and_logs_in_for_the_certificate(
    page, site_url, provider_module
):
    from tests.factories import DEFAULT_PASSWORD, make_user

    make_user(email="nurse@example.org", name="Robin Nurse")
    page.goto(f"{site_url}{provider_module.url}")
    expect(
        page.get_by_text("No account needed to learn. Sign up at the end")
    ).to_be_visible()
    finish_module_and_pass(page, site_url, provider_module)

    page.get_by_role("link", name="Get your certificate").click()
    expect(page.get_by_text("move to your account")).to_be_visible()
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("Email").fill("nurse@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Back on the certificate step, signed in: nothing to redo, the name prefilled.
    expect(page.get_by_label("Name to print on the certificate")).to_have_value(
        "Robin Nurse"
    )
    page.get_by_role("button", name="Get your certificate").click()
    expect(page.get_by_text("Your certificate is ready.")).to_be_visible()
    page.goto(f"{site_url}/my-training/")
    completed = page.locator("section", has=page.locator("#completed-heading"))
    expect(
        completed.get_by_role("link", name="Mandated reporting of CSEC", exact=True)
    ).to_be_visible()
    assert_no_axe_violations(page)
