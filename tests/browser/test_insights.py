"""A trainer opens the admin's home, follows a figure to its report, filters it
and downloads the Excel file; the dashboard and every report pass axe."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import enrol_totp, make_user
from tests.insights.builders import issue_certificate, submit_attempt, view_lesson

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def trainer_with_records(site_url, staff_groups, provider_module):
    from quizzes.models import Quiz

    provider_module.pretest = Quiz.objects.create(title="Before you start", live=True)
    provider_module.save_revision().publish()
    trainer = make_user(name="Tess Trainer", groups=[staff_groups["CAC trainers"]])
    enrol_totp(trainer)
    now = timezone.now()
    lesson = provider_module.get_children().first().specific
    for number in range(6):
        learner = make_user(name=f"Learner {number}", email=f"l{number}@example.org")
        view_lesson(learner, lesson, when=now)
        submit_attempt(learner, provider_module, when=now, score=40, purpose="pretest")
        submit_attempt(learner, provider_module, when=now, score=100)
        issue_certificate(learner, provider_module, when=now)
    return trainer


def test_a_trainer_follows_a_figure_filters_and_downloads(
    page, site_url, trainer_with_records
):
    sign_in(page.context, site_url, trainer_with_records)
    page.goto(site_url + reverse("wagtailadmin_home"))
    panel = page.get_by_role("region", name="Training this month")
    expect(panel.get_by_role("heading", name="Training this month")).to_be_visible()
    assert_no_axe_violations(page)

    providers = panel.get_by_role("row", name="Providers")
    providers.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Reach", exact=True)).to_be_visible()
    expect(page.locator(".insights-table caption")).to_have_text("Reach by audience")
    assert_no_axe_violations(page)

    page.get_by_label("Split by").select_option("module")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".insights-table caption")).to_have_text("Reach by module")
    row = page.get_by_role("row", name="Mandated reporting of CSEC")
    expect(row.get_by_role("cell").nth(2)).to_have_text("6")

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Module"
    assert rows[1][:6] == ["Mandated reporting of CSEC", 6, 0, 6, 0, 6]


@pytest.mark.parametrize(
    "name",
    [
        "insights_knowledge_gain",
        "insights_question_quality_index",
        "insights_question_quality",
        "insights_feedback",
    ],
)
def test_each_report_passes_axe(
    page, site_url, trainer_with_records, provider_module, name
):
    args = [provider_module.quiz_id] if name == "insights_question_quality" else []
    sign_in(page.context, site_url, trainer_with_records)
    page.goto(site_url + reverse(name, args=args))
    expect(page.locator("main h1")).to_be_visible()
    assert_no_axe_violations(page)
