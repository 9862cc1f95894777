"""A school's manager assigns a module and invites three staff; one joins from
the email link, finishes the module, and the manager sees "Done" and downloads
that certificate."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.test_certificate_flow import finish_module_and_pass
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.organisations.builders import make_manager, make_organisation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAFF = ["jo@example.org", "lee@example.org", "max@example.org"]


def assign_and_invite(page, site_url, organisation, module) -> None:
    page.goto(f"{site_url}/organisations/{organisation.pk}/")
    assert_no_axe_violations(page)
    page.get_by_label(module.title).check()
    due = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_role("heading", name="Assigned training")).to_be_visible()

    page.get_by_role("link", name="Invite people").first.click()
    page.get_by_label("Email addresses (optional)").fill("\n".join(STAFF))
    page.get_by_role("button", name="Check the list").click()
    # Nothing goes out until the manager confirms the list.
    assert mail.outbox == []
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text("3 invitations sent")).to_be_visible()


def join_from_the_email(page, site_url, organisation) -> None:
    [message] = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    join_path = re.search(r"https?://[^/\s]+(/organisations/join/\S+/)", message.body)[
        1
    ]
    page.goto(f"{site_url}{join_path}")
    # Not signed in yet: log in, and come back to the join page.
    page.get_by_label("Email").fill("jo@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Your quiz answers")).to_be_visible()  # never shared
    assert_no_axe_violations(page)
    page.get_by_role("button", name=f"Join {organisation.name}").click()
    expect(page.get_by_text("You have joined")).to_be_visible()


def test_a_manager_sees_an_invited_member_finish_and_downloads_the_certificate(
    page,
    browser,
    site_url,
    provider_module,
    tmp_path,
):
    organisation = make_organisation(name="Durfee High School")
    manager = make_manager(organisation, email="principal@example.org")
    make_user(email="jo@example.org", name="Jo Teacher")
    sign_in(page.context, site_url, manager)
    assign_and_invite(page, site_url, organisation, provider_module)
    assert sorted(to for m in mail.outbox for to in m.to) == STAFF

    learner = browser.new_context()
    learner_page = learner.new_page()
    join_from_the_email(learner_page, site_url, organisation)
    learner_page.goto(f"{site_url}/my-training/")
    expect(learner_page.get_by_text("Assigned to you")).to_be_visible()
    finish_module_and_pass(learner_page, site_url, provider_module)
    learner_page.get_by_role("link", name="Get your certificate").click()
    learner_page.get_by_role("button", name="Get your certificate").click()
    expect(learner_page.get_by_text("Your certificate is ready.")).to_be_visible()
    learner.close()

    page.goto(f"{site_url}/organisations/{organisation.pk}/")
    row = page.get_by_role("row").filter(has_text="jo@example.org")
    expect(row.get_by_text("Done", exact=True)).to_be_visible()
    with page.expect_download() as download_info:
        row.get_by_role("link").click()
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    text = pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "JoTeacher" in "".join(text.split())
