"""A trainer runs a live session from the admin; two attendees check in by code
on 320 px phones. The check-in page passes axe and the strict CSP."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import Attendance
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import audience_page, enrol_totp, make_module, make_user
from tests.organisations.builders import make_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 320, "height": 640}


def watch_csp(page, violations: list) -> None:
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )


@pytest.fixture
def live_session(site_url, staff_groups):
    from quizzes.models import Quiz

    trainer = make_user(name="Sam Trainer", groups=[staff_groups["CAC trainers"]])
    enrol_totp(trainer)
    module = make_module(
        parent=audience_page("providers"),
        lessons=2,
        title="Recognising CSEC",
        issues_certificate=True,
    )
    module.quiz = Quiz.objects.create(title="Recognising CSEC quiz", live=True)
    module.save_revision().publish()
    now = timezone.now()
    session = make_session(
        module=module,
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        trainer=trainer,
        capacity=10,
    )
    return session, trainer


def test_a_trainer_runs_a_session_and_two_attendees_check_in_by_code(
    page, browser, site_url, live_session
):
    session, trainer = live_session
    sign_in(page.context, site_url, trainer)
    run_url = f"{site_url}/admin/live_sessions/run/{session.pk}/"
    page.goto(run_url)
    page.get_by_role("button", name="Open check-in").click()
    code_box = page.locator("[data-checkin-code]")
    expect(code_box).to_be_visible()
    shown_code = code_box.inner_text().strip()  # e.g. "ACD 347", as the room sees it
    assert len(shown_code.replace(" ", "")) == 6
    expect(page.locator(".checkin-qr svg")).to_be_visible()

    violations: list[str] = []
    for number, name in enumerate(["Casey Provider", "Robin Nurse"]):
        attendee = make_user(name=name)
        context = browser.new_context(viewport=PHONE)
        sign_in(context, site_url, attendee)
        phone = context.new_page()
        watch_csp(phone, violations)
        phone.goto(f"{site_url}/sessions/check-in/")
        if number == 0:
            assert_no_axe_violations(phone)
        assert_no_horizontal_scroll(phone)
        field = phone.get_by_label("Check-in code")
        assert field.get_attribute("autocomplete") == "off"
        assert field.get_attribute("inputmode")
        field.fill(shown_code.lower())
        phone.get_by_role("button", name="Check in").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("You are checked in")
        expect(phone.get_by_text("take the module's quiz online")).to_be_visible()
        assert_no_horizontal_scroll(phone)
        if number == 0:
            assert_no_axe_violations(phone)
        context.close()
    assert violations == []

    assert Attendance.objects.filter(session=session).count() == 2
    page.goto(run_url)
    roster = page.locator("table.listing")
    expect(roster).to_contain_text("Casey Provider")
    expect(roster).to_contain_text("Robin Nurse")
    expect(page.get_by_role("button", name="Remove attendance")).to_have_count(2)


def test_the_check_in_page_with_an_error_passes_axe_on_a_phone(
    page, site_url, live_session
):
    sign_in(page.context, site_url, make_user())
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}/sessions/check-in/?code=WRONG1")
    assert page.get_by_label("Check-in code").input_value() == "WRONG1"
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("alert")).to_contain_text("does not match a session")
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)


def test_session_pages_pass_axe_at_both_widths(page, site_url, live_session):
    session, _ = live_session
    upcoming = make_session(title="Spotting grooming online")
    pages = [
        audience_page("providers").url,
        "/sessions/",
        f"/sessions/{upcoming.pk}/",
    ]
    for signed_in in (False, True):
        if signed_in:
            sign_in(page.context, site_url, make_user())
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            for path in pages:
                page.goto(site_url + path)
                assert_no_axe_violations(page)
                assert_no_horizontal_scroll(page)
    page.goto(f"{site_url}/sessions/{upcoming.pk}/")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You have a place.")).to_be_visible()
    assert_no_axe_violations(page)
