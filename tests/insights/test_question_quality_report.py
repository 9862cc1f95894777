"""The question-quality report in the admin: figures, exports, access, budget,
and never a learner's name."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from quizzes.models import QuestionOutcome
from quizzes.services import attempt_start, attempt_submit
from tests.factories import enrol_totp, make_user
from tests.organisations.builders import make_manager, make_organisation
from tests.quizzes.builders import make_quiz_module
from training.learners import Learner
from training.models import TrainingModulePage

# Five learners' totals 100, 80, 60, 40, 20 over five questions; question 1 is
# right for A, B and D: the hand-worked set of tests/insights/test_item_stats.py
# (facility 0.6, discrimination 0.5, point-biserial 0.577).
RIGHT = {"A": {1, 2, 3, 4, 5}, "B": {1, 2, 3, 4}, "C": {2, 3, 4}, "D": {1, 2}, "E": {3}}


def take(user, quiz, right: set[int]):
    attempt = attempt_start(learner=Learner(user=user), quiz=quiz)
    numbers = {q.pk: n for n, q in enumerate(quiz.questions.order_by("sort_order"), 1)}
    answers = {
        q["id"]: [
            next(
                c["id"]
                for c in q["choices"]
                if c["correct"] == (numbers[q["id"]] in right)
            )
        ]
        for q in attempt.questions
    }
    return attempt_submit(attempt=attempt, answers=answers)


@pytest.fixture
def quiz(home):
    module = make_quiz_module(questions=5, title="Spotting exploitation")
    for name, right in RIGHT.items():
        user = make_user(name=f"Learner {name}", email=f"learner{name}@example.org")
        take(user, module.quiz, right)
    return module.quiz


def page(client, quiz, **query):
    return client.get(reverse("insights_question_quality", args=[quiz.pk]), query)


def test_the_figures_are_the_hand_worked_ones(quiz, trainer, client):
    response = page(client, quiz)
    assert response.status_code == 200
    rows = response.context["table"].rows
    assert rows[0] == [
        1,
        "Question 1?",
        "Definitions",
        5,
        Decimal("0.60"),
        Decimal("0.50"),
        Decimal("0.58"),
        "None",
        "Right (key): 3; Wrong: 2",
    ]
    # Question 3: right for A, B, C, E (facility 0.8); k = 2, upper {A, B} 2/2,
    # lower {D, E} 1/2 -> discrimination 0.5.
    assert rows[2][3:6] == [5, Decimal("0.80"), Decimal("0.50")]
    html = response.content.decode()
    assert "Question 1: Question 1?" in html
    assert "Yes (key)" in html
    assert "The share of attempts that got the question right" in html
    edit = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])
    assert f'href="{edit}"' in html


def test_all_attempts_count_later_tries_too(quiz, trainer, client):
    again = take(quiz.attempts.get(user__name="Learner E").user, quiz, {1, 2})
    assert not again.outcomes.first().first_try
    assert page(client, quiz).context["table"].rows[0][3] == 5
    assert page(client, quiz, attempts="all").context["table"].rows[0][3] == 6


def test_a_date_range_with_no_attempts_shows_no_figures(quiz, trainer, client):
    rows = (
        page(client, quiz, start="2020-01-01", end="2020-12-31").context["table"].rows
    )
    assert [row[3] for row in rows] == [0] * 5
    assert rows[0][4] is None


def test_bad_dates_show_the_error_and_no_figures(quiz, trainer, client):
    response = page(client, quiz, start="2026-03-31", end="2026-03-01")
    assert response.context["table"] is None
    assert "before the" in response.content.decode()


def test_a_question_with_fewer_than_five_attempts_shows_only_its_count(
    home, trainer, client
):
    module = make_quiz_module(questions=1)
    for n in range(4):
        take(make_user(), module.quiz, {1} if n else set())
    row = page(client, module.quiz).context["table"].rows[0]
    assert row[3] == 4
    assert row[4:] == ["fewer than 5"] * 5
    assert "Wrong: " not in page(client, module.quiz).content.decode()


def test_csv_and_xlsx_hold_the_table(quiz, trainer, client):
    response = page(client, quiz, export="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "No.",
        "Question",
        "Topic",
        "Attempts",
        "Facility (share right)",
    ]
    assert rows[1] == [
        "1",
        "Question 1?",
        "Definitions",
        "5",
        "0.60",
        "0.50",
        "0.58",
        "None",
        "Right (key): 3; Wrong: 2",
    ]

    response = page(client, quiz, export="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "No."
    assert cells[1][:4] == [1, "Question 1?", "Definitions", 5]
    assert float(cells[1][4]) == pytest.approx(0.6)


def test_no_learner_is_named_anywhere(quiz, trainer, client):
    index = client.get(reverse("insights_question_quality_index"))
    for response in (
        index,
        page(client, quiz),
        page(client, quiz, attempts="all"),
        page(client, quiz, export="csv"),
        page(client, quiz, export="xlsx"),
    ):
        assert response.status_code == 200
        content = response.content.decode(errors="replace")
        for name in RIGHT:
            assert f"Learner {name}" not in content
            assert f"learner{name}@example.org" not in content


def test_the_index_links_each_quiz_to_its_report(quiz, trainer, client):
    response = client.get(reverse("insights_question_quality_index"))
    module = TrainingModulePage.objects.get(quiz=quiz)
    html = response.content.decode()
    assert reverse("insights_question_quality", args=[quiz.pk]) in html
    assert f"Final quiz of {module.title}" in html
    assert response.context["table"].rows == [
        ["Spotting exploitation", f"Final quiz of {module.title}", 5]
    ]


def test_an_unknown_quiz_is_not_found(home, trainer, client):
    response = client.get(reverse("insights_question_quality", args=[999999]))
    assert response.status_code == 404


def queries_for(client, quiz) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert page(client, quiz).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_at_any_size(quiz, trainer, client, home):
    page(client, quiz)  # warm the settings and session caches
    few = queries_for(client, quiz)
    outcomes = list(QuestionOutcome.objects.all())
    for n in range(8):  # 40 more attempts' outcomes
        QuestionOutcome.objects.bulk_create(
            QuestionOutcome(
                **{
                    field: getattr(o, field)
                    for field in ("quiz_id", "purpose", "question_id", "topic")
                },
                correct=n % 2 == 0,
                attempt_score=Decimal(10 * n),
                first_try=True,
                submitted_at=o.submitted_at,
            )
            for o in outcomes
        )
    assert page(client, quiz).context["table"].rows[0][3] == 45
    assert queries_for(client, quiz) == few <= 20


# Access: who may read the report.
def sign_in(client, user, *, with_second_factor: bool = True):
    if with_second_factor:
        enrol_totp(user)
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )


def urls(quiz):
    return [
        reverse("insights_question_quality_index"),
        reverse("insights_question_quality", args=[quiz.pk]),
    ]


def test_a_visitor_is_sent_to_sign_in(quiz, client):
    for url in urls(quiz):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_learner_gets_no_report(quiz, client):
    sign_in(client, make_user())
    for url in urls(quiz):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Facility" not in response.content


def test_an_organisation_manager_gets_no_report(quiz, client):
    sign_in(client, make_manager(make_organisation()), with_second_factor=False)
    for url in urls(quiz):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Facility" not in response.content


def test_a_reviewer_reads_and_cannot_write(quiz, reviewer, client):
    for url in urls(quiz):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405


def test_the_menu_offers_the_report_to_trainers(trainer, client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("insights_question_quality_index") in html
