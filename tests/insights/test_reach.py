"""Reach, against records whose figures are counted by hand below."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insights.selectors.reach import Breakdown, reach
from tests.factories import make_user
from tests.insights.builders import at, issue_certificate, submit_attempt, view_lesson

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


@pytest.fixture
def march(youth_module, provider_module):
    """In March 2026 (each line is one record):

    Providers: Ana opens two lessons (one start); Ben started in February, so
    his March lesson is no start. Ana fails, passes, passes again (one
    completion); Ben passes (one). Ana's certificate counts, Ben's is revoked.
    Youth: sessions s1 and s2 start; s1 passes; s2 passed in February.
    """
    ana = make_user(name="Ana", email="ana@example.org")
    ben = make_user(name="Ben", email="ben@example.org")
    p1, p2 = provider_module.get_children().specific()
    y1, y2 = youth_module.get_children().specific()
    view_lesson(ana, p1, when=at("2026-03-02"))
    view_lesson(ana, p2, when=at("2026-03-03"))
    view_lesson(ben, p1, when=at("2026-02-20"))
    view_lesson(ben, p2, when=at("2026-03-05"))
    view_lesson("s1", y1, when=at("2026-03-04"))
    view_lesson("s1", y2, when=at("2026-03-11"))
    view_lesson("s2", y1, when=at("2026-03-10"))
    submit_attempt(ana, provider_module, when=at("2026-03-06"), score=50)
    submit_attempt(ana, provider_module, when=at("2026-03-07"), score=90)
    submit_attempt(ana, provider_module, when=at("2026-03-08"), score=95)
    submit_attempt(ben, provider_module, when=at("2026-03-09"), score=100)
    submit_attempt("s1", youth_module, when=at("2026-03-12"), score=80, language="es")
    submit_attempt("s2", youth_module, when=at("2026-02-12"), score=100)
    submit_attempt("s2", youth_module, when=at("2026-03-12"), score=100)
    issue_certificate(ana, provider_module, when=at("2026-03-07"))
    issue_certificate(
        ben,
        provider_module,
        when=at("2026-03-09"),
        revoked_at=at("2026-03-10"),
        revocation_reason="Issued in error.",
    )
    issue_certificate(ana, provider_module, when=at("2026-04-01"), period=2)
    return {"ana": ana, "ben": ben}


def figures(row):
    return (
        row.learners,
        row.anonymous_sessions,
        row.completions,
        row.anonymous_completions,
        row.certificates,
        row.ce_hours,
    )


def test_reach_by_audience_counts_each_record_once(march):
    result = reach(**MARCH, breakdown=Breakdown.AUDIENCE)
    rows = {row.label: figures(row) for row in result.rows}
    assert rows["Providers"] == (1, 0, 2, 0, 1, 1.5)
    assert rows["Youth"] == (0, 2, 0, 1, 0, 0)
    assert figures(result.total) == (1, 2, 2, 1, 1, 1.5)


def test_reach_by_language_splits_completions_not_starts(march):
    result = reach(**MARCH, breakdown=Breakdown.LANGUAGE)
    rows = {row.label: row for row in result.rows}
    assert rows["Español"].anonymous_completions == 1
    assert rows["English"].completions == 2
    assert result.unsplit == {"starts"}


def test_reach_by_organisation_puts_anonymous_sessions_outside_any(march):
    from organisations.models import Membership, Organisation

    school = Organisation.objects.create(name="Fall River High")
    Membership.objects.create(organisation=school, user=march["ana"])
    result = reach(**MARCH, breakdown=Breakdown.ORGANISATION)
    rows = {row.label: figures(row) for row in result.rows}
    assert rows["Fall River High"] == (1, 0, 1, 0, 1, 1.5)
    outside = rows["No organisation (includes anonymous sessions)"]
    assert outside == (0, 2, 1, 1, 0, 0)


def test_a_learner_in_two_organisations_counts_once_in_the_total(march):
    from organisations.models import Membership, Organisation

    for name in ("Fall River High", "Taunton Police"):
        organisation = Organisation.objects.create(name=name)
        Membership.objects.create(organisation=organisation, user=march["ana"])
    result = reach(**MARCH, breakdown=Breakdown.ORGANISATION)
    rows = {row.label: figures(row) for row in result.rows}
    assert rows["Fall River High"] == rows["Taunton Police"] == (1, 0, 1, 0, 1, 1.5)
    assert figures(result.total) == (1, 2, 2, 1, 1, 1.5)


def test_a_range_outside_the_records_is_all_zero(march):
    result = reach(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert result.rows == []
    assert figures(result.total) == (0, 0, 0, 0, 0, 0)


def report(client, **query):
    return client.get(reverse("insights_reach"), query)


def test_the_report_page_shows_the_figures_and_a_chart(march, trainer, client):
    response = report(client, start="2026-03-01", end="2026-03-31")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Reach by audience" in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert (
        response["Cache-Control"].startswith("private")
        or "no-store" in response["Cache-Control"]
    )
    assert "Ana" not in page and "ana@example.org" not in page


def test_csv_and_xlsx_hold_the_same_rows(march, trainer, client):
    query = {"start": "2026-03-01", "end": "2026-03-31", "breakdown": "audience"}
    text = report(client, export="csv", **query).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Audience"
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Providers"] == ["1", "0", "2", "0", "1", "1.50"]
    assert by_label["All"] == ["1", "2", "2", "1", "1", "1.50"]
    workbook = report(client, export="xlsx", **query)
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "Audience"
    assert ["Youth", 0, 2, 0, 1, 0, None] in cells or any(
        row[:5] == ["Youth", 0, 2, 0, 1] for row in cells
    )


def test_bad_dates_get_a_message_and_no_figures(trainer, client, home):
    response = report(client, start="2026-03-31", end="2026-03-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert "is before the" in page
    assert "Reach by" not in page
    export = report(client, start="2026-03-31", end="2026-03-01", export="csv")
    assert export["Content-Type"].startswith("text/html")


def test_the_report_costs_a_fixed_number_of_queries(
    march, trainer, client, django_assert_max_num_queries
):
    for name in ("carla", "dev", "eli"):
        user = make_user(name=name, email=f"{name}@example.org")
        module = march["ana"].certificates.first().module
        submit_attempt(user, module, when=at("2026-03-15"), score=100)
    with django_assert_max_num_queries(20):
        report(client, start="2026-03-01", end="2026-03-31", breakdown="module")


@pytest.mark.parametrize("end", ["9999-12-31", "1900-01-01"])
def test_a_date_out_of_range_gets_a_message_not_an_error(trainer, client, home, end):
    response = report(client, start="2026-01-01", end=end)
    assert response.status_code == 200
    assert "Choose a date from 2020" in response.content.decode()
