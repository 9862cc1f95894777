"""The learner feedback report: figures, suppression, comments, access, budget."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from insights.selectors.feedback import answers_in, feedback_by_module, feedback_total
from insights.tables import SUPPRESSED
from tests.factories import make_user
from tests.insights.builders import at
from tests.insights.test_access import sign_in
from tests.organisations.builders import make_manager, make_organisation
from training.models import ModuleFeedback

URL = "/admin/insights/feedback/"
RANGE = {"start": "2026-01-01", "end": "2026-12-31"}


def answer(module, *, before=None, useful=None, after=None, comment="", **kwargs):
    number = ModuleFeedback.objects.count() + 1
    kwargs.setdefault("anonymous_key", f"session-{number}")
    kwargs.setdefault("when", at("2026-03-10"))
    when = kwargs.pop("when")
    return ModuleFeedback.objects.create(
        module=module,
        audience=module.audience,
        confidence_before=before,
        usefulness=useful,
        confidence_after=after,
        comment=comment,
        language=kwargs.pop("language", "en"),
        expires_at=at("2099-01-01") if kwargs["anonymous_key"] else None,
        created_at=when,
        updated_at=when,
        **kwargs,
    )


@pytest.fixture
def answered(youth_module, provider_module):
    """Youth: six answers, four of them paired. Providers: three answers."""
    for before, after in [(1, 3), (2, 4), (2, 5), (3, 3)]:
        answer(youth_module, before=before, after=after, useful=4)
    answer(youth_module, before=5)  # before only
    answer(youth_module, useful=2, after=4, comment="More videos please")
    for _ in range(3):
        answer(provider_module, before=3, after=4, useful=5, comment="Too short")
    answer(youth_module, before=1, after=5, useful=5, when=at("2025-06-01"))
    return youth_module, provider_module


def test_figures_per_module_are_means_over_those_who_answered(answered):
    youth, providers = answered
    figures = {
        row.module_id: row
        for row in feedback_by_module(
            answers_in(start=date(2026, 1, 1), end=date(2026, 12, 31))
        )
    }
    row = figures[youth.pk]
    assert row.responses == 6
    assert (row.usefulness_count, float(row.usefulness)) == (5, 3.6)  # 4,4,4,4,2
    assert (row.before_count, float(row.before)) == (5, 2.6)  # 1,2,2,3,5
    assert (row.after_count, float(row.after)) == (5, 3.8)  # 3,4,5,3,4
    # Paired: (1,3) (2,4) (2,5) (3,3): before 2, after 3.75.
    assert (row.paired, float(row.shift)) == (4, 1.75)
    assert row.comments == 1
    assert figures[providers.pk].responses == 3
    total = feedback_total(answers_in(start=date(2026, 1, 1), end=date(2026, 12, 31)))
    assert (total.responses, total.paired) == (9, 7)


def test_filters_by_module_and_audience(answered):
    youth, providers = answered
    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    assert [
        r.module_id for r in feedback_by_module(answers_in(**year, module=youth))
    ] == [youth.pk]
    only_providers = answers_in(**year, audience=providers.audience)
    assert [r.module_id for r in feedback_by_module(only_providers)] == [providers.pk]
    last_year = answers_in(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert feedback_total(last_year).responses == 1


def test_the_report_suppresses_small_figures(trainer, client, answered):
    youth, providers = answered
    html = client.get(URL, RANGE).content.decode()
    youth_row = html[html.index(f'<th scope="row">{youth.title}</th>') :]
    youth_row = youth_row[: youth_row.index("</tr>")]
    # 6 responses; means over 5 shown; the 4 paired learners and their shift not.
    assert "<td>6</td>" in youth_row and "<td>3.60</td>" in youth_row
    assert "<td>2.60</td>" in youth_row and "<td>3.80</td>" in youth_row
    assert youth_row.count(SUPPRESSED) == 2
    provider_row = html[html.index(f'<th scope="row">{providers.title}</th>') :]
    provider_row = provider_row[: provider_row.index("</tr>")]
    assert provider_row.count(SUPPRESSED) == 7  # 3 responses: the whole row


def test_the_shift_shows_over_five_paired_learners(trainer, client, youth_module):
    for before, after in [(1, 3), (2, 4), (2, 5), (3, 3), (2, 5)]:
        answer(youth_module, before=before, after=after)
    html = client.get(URL, RANGE).content.decode()
    row = html[html.index(f'<th scope="row">{youth_module.title}</th>') :]
    row = row[: row.index("</tr>")]
    # Before 1,2,2,3,2 (mean 2); after 3,4,5,3,5 (mean 4).
    assert row.endswith("<td>5</td><td>2.00</td><td>0</td>")
    assert row.count(SUPPRESSED) == 1  # nobody rated usefulness


def test_comments_show_without_names_newest_first(trainer, client, youth_module):
    learner = make_user(name="Jordan Secretname", email="jordan@example.org")
    answer(youth_module, comment="Older comment", when=at("2026-02-01"))
    answer(
        youth_module,
        comment="Newer comment",
        when=at("2026-04-01"),
        language="es",
        user=learner,
        anonymous_key="",
    )
    for _ in range(3):
        answer(youth_module, useful=3)
    html = client.get(URL, RANGE).content.decode()
    comments = html[html.index('id="feedback-comments-heading"') :]
    assert comments.index("Newer comment") < comments.index("Older comment")
    assert "2 comments" in comments and "April 2026" in comments
    assert "1 April 2026" not in comments  # the month only: a day narrows who
    assert "español" in comments.lower() or "spanish" in comments.lower()
    for secret in ("Secretname", "jordan@", "session-"):
        assert secret not in html


def test_comments_of_a_module_with_fewer_than_five_answers_are_held_back(
    trainer, client, provider_module
):
    for _ in range(4):
        answer(provider_module, comment="A small class said this")
    html = client.get(URL, RANGE).content.decode()
    assert "A small class said this" not in html
    assert "Held back because fewer than 5 learners answered" in html


def test_comments_are_paginated_with_a_count(trainer, client, youth_module):
    for number in range(55):
        answer(youth_module, comment=f"Comment number {number}")
    html = client.get(URL, RANGE).content.decode()
    assert "55 comments, page 1 of 2" in html
    assert html.count("Comment number") == 50
    second = client.get(URL, {**RANGE, "page": 2}).content.decode()
    assert second.count("Comment number") == 5


def test_csv_and_xlsx_exports_hold_the_table_not_the_comments(
    trainer, client, answered
):
    response = client.get(URL, {**RANGE, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Module" and rows[0][6].startswith("Confidence shift")
    youth = next(row for row in rows if row[0] == answered[0].title)
    assert youth[1:4] == ["6", "3.60", "2.60"] and youth[5] == SUPPRESSED
    assert "More videos" not in response.content.decode("utf-8-sig")
    xlsx = client.get(URL, {**RANGE, "export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_bad_filters_show_no_figures(trainer, client, answered):
    html = client.get(URL, {"start": "2026-12-31", "end": "2026-01-01"}).content
    assert b"Correct the filters above" in html


@pytest.mark.parametrize("answers", [3, 60])
def test_the_report_costs_at_most_20_queries(
    trainer,
    client,
    youth_module,
    provider_module,
    answers,
    django_assert_max_num_queries,
):
    for number in range(answers):
        module = youth_module if number % 2 else provider_module
        answer(module, before=2, after=4, useful=5, comment=f"Note {number}")
    client.get(URL, RANGE)
    with django_assert_max_num_queries(20):
        response = client.get(URL, RANGE)
    assert response.status_code == 200


def test_a_learner_and_an_organisation_manager_get_no_report(client, home):
    sign_in(client, make_user())
    assert client.get(URL).status_code in (302, 403)
    client.logout()
    sign_in(client, make_manager(make_organisation()), with_second_factor=False)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"Download these figures" not in response.content


def test_a_reviewer_reads_and_cannot_write(reviewer, client, answered):
    assert client.get(URL, RANGE).status_code == 200
    assert client.post(URL, RANGE).status_code == 405


def test_the_menu_links_the_report(trainer, client):
    assert reverse("insights_feedback") == URL
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_total_row_leaves_out_rows_not_shown_in_full(
    trainer, client, youth_module, provider_module
):
    """Subtracting the shown rows from a total with a hidden row in it would
    give the hidden row's figures back."""
    from tests.quizzes.builders import make_quiz_module

    small = make_quiz_module(audience="parents")
    for module in (youth_module, provider_module):
        for _ in range(5):
            answer(module, before=2, after=4, useful=4)
    answer(small, before=1, after=1, useful=1)
    text = client.get(URL, {**RANGE, "export": "csv"}).content.decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    assert rows["Modules shown in full"][1:3] == ["10", "4.00"]
    assert rows[small.title][1] == SUPPRESSED
