"""The question-quality selector: the database's figures match the hand-worked
ones and the pure reference, in a fixed number of queries."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.item_stats import DISTRACTOR, NEGATIVE, aggregate, item_stats
from insights.selectors.question_quality import question_quality
from quizzes.models import ChoicePick, QuestionOutcome
from tests.quizzes.builders import make_quiz

# Five learners' totals: A 100, B 80, C 60, D 40, E 20 (tests/insights/test_item_stats).
TOTALS = {"A": 100, "B": 80, "C": 60, "D": 40, "E": 20}


def record(quiz, *, score, right: dict, purpose="final", first_try=True, when=None):
    """One graded attempt's outcomes: `right` maps question to answered right."""
    when = when or timezone.now()
    outcomes = QuestionOutcome.objects.bulk_create(
        QuestionOutcome(
            quiz=quiz,
            purpose=purpose,
            question_id=question.pk,
            topic=question.topic,
            correct=ok,
            attempt_score=Decimal(score),
            first_try=first_try,
            submitted_at=when,
        )
        for question, ok in right.items()
    )
    ChoicePick.objects.bulk_create(
        ChoicePick(
            outcome=outcome,
            choice_id=next(c.pk for c in question.choices.all() if c.is_correct == ok),
        )
        for outcome, (question, ok) in zip(outcomes, right.items(), strict=True)
    )


@pytest.fixture
def quiz(db):
    """Question 1 works (right: A, B, D); question 2 is miskeyed (right: C, E)."""
    quiz = make_quiz(questions=2)
    first, second = quiz.questions.order_by("sort_order")
    for name, score in TOTALS.items():
        record(
            quiz,
            score=score,
            right={first: name in "ABD", second: name in "CE"},
        )
    return quiz


def figures(row):
    stats = row.stats
    return (
        stats.attempts,
        round(stats.facility, 3),
        round(stats.discrimination, 3),
        round(stats.point_biserial, 3),
    )


def test_the_figures_are_the_hand_worked_ones(quiz):
    # See tests/insights/test_item_stats.py for the arithmetic.
    first, second = question_quality(quiz=quiz).questions
    assert (first.number, first.prompt) == (1, "Question 1?")
    assert figures(first) == (5, 0.6, 0.5, 0.577)
    assert first.stats.flags == ()
    assert figures(second) == (5, 0.4, -0.5, -0.577)
    assert second.stats.flags == (NEGATIVE, DISTRACTOR)
    assert [(c.text, c.correct, c.picks) for c in second.choices] == [
        ("Right", True, 2),
        ("Wrong", False, 3),
    ]


def test_later_attempts_count_only_when_asked(quiz):
    first, second = quiz.questions.order_by("sort_order")
    record(quiz, score=100, right={first: True, second: True}, first_try=False)

    assert question_quality(quiz=quiz).questions[0].stats.attempts == 5
    every = question_quality(quiz=quiz, first_try_only=False).questions[0]
    # Totals 100, 100, 80, 60, 40, 20; right: 100, 100, 80, 40. k = ceil(1.62) = 2:
    # upper {100, 100} 2/2; lower {20, 40} 1/2 -> D = 0.5; facility 4/6 = 0.667
    assert every.stats.attempts == 6
    assert round(every.stats.facility, 3) == 0.667
    assert round(every.stats.discrimination, 3) == 0.5


def test_pretests_other_quizzes_and_dates_out_of_range_are_left_out(quiz):
    first, second = quiz.questions.order_by("sort_order")
    other = make_quiz(questions=1)
    record(quiz, score=0, right={first: False, second: False}, purpose="pretest")
    record(other, score=0, right={other.questions.get(): False})
    old = timezone.now() - timedelta(days=400)
    record(quiz, score=0, right={first: False, second: False}, when=old)

    assert question_quality(quiz=quiz).questions[0].stats.attempts == 6
    today = timezone.localdate()
    recent = question_quality(quiz=quiz, start=today - timedelta(days=30), end=today)
    assert recent.questions[0].stats.attempts == 5
    long_ago = question_quality(quiz=quiz, end=today - timedelta(days=300))
    assert long_ago.questions[0].stats.attempts == 1


def test_the_end_date_takes_in_its_whole_day(quiz):
    first, second = quiz.questions.order_by("sort_order")
    zone = timezone.get_current_timezone()
    late = datetime(2025, 3, 31, 23, 30, tzinfo=zone)
    record(quiz, score=0, right={first: False, second: False}, when=late)
    day = date(2025, 3, 31)
    assert question_quality(quiz=quiz, start=day, end=day).questions[0].stats.attempts
    after = date(2025, 4, 1)
    result = question_quality(quiz=quiz, start=after, end=after)
    assert result.questions[0].stats.attempts == 0


def test_questions_without_answers_and_removed_questions_have_rows(quiz):
    from tests.quizzes.builders import add_question

    first, second = quiz.questions.order_by("sort_order")
    unanswered = add_question(quiz, prompt="New question?")
    removed = second.pk
    second.delete()

    rows = question_quality(quiz=quiz).questions
    assert [(r.number, r.id) for r in rows] == [
        (1, first.pk),
        (2, unanswered.pk),
        (None, removed),
    ]
    assert rows[1].stats.attempts == 0 and rows[1].stats.flags == ()
    assert "since removed" in rows[2].prompt
    assert rows[2].stats.attempts == 5
    assert {c.text for c in rows[2].choices} == {"A choice since removed"}


def test_the_database_agrees_with_the_pure_reference_on_tied_random_data(db):
    quiz = make_quiz(questions=3)
    questions = list(quiz.questions.order_by("sort_order"))
    rng = random.Random(16)
    rows = {question.pk: [] for question in questions}
    for _ in range(37):
        score = rng.choice([0, 33.3, 66.7, 100])  # few totals: many ties
        right = {question: rng.random() < 0.6 for question in questions}
        record(quiz, score=str(score), right=right)
        for question, ok in right.items():
            rows[question.pk].append((Decimal(str(score)), ok))

    for row in question_quality(quiz=quiz).questions:
        expected = item_stats(aggregate(rows[row.id]))
        assert row.stats.attempts == expected.attempts
        assert row.stats.facility == pytest.approx(expected.facility)
        assert row.stats.discrimination == pytest.approx(expected.discrimination)
        assert row.stats.point_biserial == pytest.approx(expected.point_biserial)


def queries_for(quiz) -> int:
    with CaptureQueriesContext(connection) as queries:
        question_quality(quiz=quiz)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_attempts(db):
    quiz = make_quiz(questions=4)
    questions = list(quiz.questions.all())
    for n in range(2):
        record(quiz, score=50 * n, right={q: bool(n) for q in questions})
    few = queries_for(quiz)
    for n in range(38):
        record(quiz, score=n, right={q: n % 2 == 0 for q in questions})
    assert queries_for(quiz) == few <= 6
