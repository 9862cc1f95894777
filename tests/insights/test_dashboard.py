"""The admin home page's figures for trainers: counted by hand, linked, cheap."""

from datetime import date

import pytest
from django.urls import reverse

from insights.selectors.dashboard import dashboard, months_back
from tests.factories import make_user
from tests.insights.builders import at, issue_certificate, submit_attempt, view_lesson

TODAY = date(2026, 3, 20)


@pytest.fixture
def records(youth_module, provider_module):
    ana = make_user(name="Ana", email="ana@example.org")
    p1, _ = provider_module.get_children().specific()
    y1, _ = youth_module.get_children().specific()
    view_lesson(ana, p1, when=at("2026-02-10"))
    view_lesson("s1", y1, when=at("2026-03-04"))
    view_lesson("s2", y1, when=at("2026-03-05"))
    submit_attempt(ana, provider_module, when=at("2026-02-11"), score=40)
    submit_attempt(ana, provider_module, when=at("2026-03-02"), score=90)
    submit_attempt("s1", youth_module, when=at("2026-03-06"), score=100)
    submit_attempt("s2", youth_module, when=at("2026-03-07"), score=20)
    submit_attempt("s3", youth_module, when=at("2025-03-07"), score=100)
    issue_certificate(
        ana, provider_module, when=at("2026-03-02"), expires_on=date(2026, 5, 1)
    )
    return ana


def test_months_back_ends_with_this_month():
    months = months_back(TODAY, 12)
    assert [months[0].start, months[-1].start] == [date(2025, 4, 1), date(2026, 3, 1)]
    assert months[-2].end == date(2026, 2, 28)


def test_figures_this_month_and_last(records):
    figures = dashboard(today=TODAY)
    march, february = date(2026, 3, 1), date(2026, 2, 1)
    providers = figures.by_audience["Providers"]
    youth = figures.by_audience["Youth"]
    assert (providers[february].started, providers[march].started) == (1, 0)
    assert (providers[february].finished, providers[march].finished) == (0, 1)
    assert (youth[march].started, youth[march].finished) == (2, 1)
    assert figures.certificates == {march: 1}
    # First tries in March: s1 (pass) and s2 (fail); Ana's first was February.
    assert (figures.first_try_attempts, figures.first_try_passed) == (2, 1)
    assert figures.expiring_soon == 1  # 1 May is 42 days on: inside 60
    assert figures.chart["Youth"][-1] == 1
    # March 2025 falls out of the twelve months.
    assert sum(figures.chart["Youth"]) == 1


def test_a_certificate_expiring_after_60_days_is_not_counted_yet(records):
    assert dashboard(today=date(2026, 2, 25)).expiring_soon == 0  # 65 days
    assert dashboard(today=date(2026, 5, 2)).expiring_soon == 0  # expired


def test_the_home_page_shows_the_figures_with_links(records, trainer, client):
    response = client.get(reverse("wagtailadmin_home"))
    page = response.content.decode()
    assert "Training this month" in page
    assert reverse("insights_reach") + "?start=" in page
    assert reverse("certificate_report") + "?issued_at_after=" in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert "Completions per month, by audience (the chart" in page


def test_staff_without_the_permission_see_no_figures(client, staff_groups, home):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import make_staff

    editors = Group.objects.create(name="Web editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    make_staff(client=client, group=editors)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Training this month" not in page
    assert client.get(reverse("insights_reach")).status_code in (302, 403)


def panel_queries(user) -> int:
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from insights.dashboard import InsightsPanel

    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        InsightsPanel(request=request).get_context_data({})
    return len(queries)


def test_the_panel_costs_a_fixed_number_of_queries(records, trainer):
    before = panel_queries(trainer)
    module = records.certificates.first().module
    for number in range(5):
        user = make_user(name=f"Extra {number}", email=f"extra{number}@example.org")
        view_lesson(user, module.get_children().first().specific, when=at("2026-03-08"))
        submit_attempt(user, module, when=at("2026-03-09"), score=95)
        issue_certificate(user, module, when=at("2026-03-09"))
    assert panel_queries(trainer) == before <= 20
