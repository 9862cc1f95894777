"""Grading writes one outcome per question and one pick per ticked choice."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from quizzes.models import ChoicePick, QuestionOutcome
from quizzes.services import attempt_start, attempt_submit
from tests.factories import make_user
from tests.quizzes.builders import make_quiz
from training.learners import Learner
from training.progress import purge_expired_anonymous_progress


def key_of(attempt, *, right: bool = True) -> dict[int, list[int]]:
    return {
        q["id"]: [next(c["id"] for c in q["choices"] if c["correct"] == right)]
        for q in attempt.questions
    }


def submit(learner, quiz, *, right: bool = True, purpose="final"):
    attempt = attempt_start(learner=learner, quiz=quiz, purpose=purpose)
    return attempt_submit(attempt=attempt, answers=key_of(attempt, right=right))


def test_submitting_writes_an_outcome_per_question_and_the_picks(db):
    quiz = make_quiz(questions=3)
    learner = Learner(user=make_user())
    attempt = attempt_start(learner=learner, quiz=quiz)
    first, second, third = (q["id"] for q in attempt.questions)
    answers = key_of(attempt)
    answers[third] = key_of(attempt, right=False)[third]
    attempt = attempt_submit(attempt=attempt, answers=answers)

    outcomes = {o.question_id: o for o in attempt.outcomes.all()}
    assert set(outcomes) == {first, second, third}
    assert [outcomes[q].correct for q in (first, second, third)] == [1, 1, 0]
    assert {o.attempt_score for o in outcomes.values()} == {attempt.score}
    assert all(o.first_try and o.purpose == "final" for o in outcomes.values())
    assert all(o.quiz_id == quiz.pk for o in outcomes.values())
    assert all(o.submitted_at == attempt.submitted_at for o in outcomes.values())
    assert {o.topic for o in outcomes.values()} == {"definitions"}
    picks = ChoicePick.objects.filter(outcome__attempt=attempt)
    assert sorted(p.choice_id for p in picks) == sorted(
        choice for choices in answers.values() for choice in choices
    )


def test_a_second_attempt_is_not_a_first_try_but_the_other_purpose_is(db):
    quiz = make_quiz(questions=2, max_attempts=0)
    learner = Learner(user=make_user())
    first = submit(learner, quiz, right=False)
    second = submit(learner, quiz)
    pretest = submit(learner, quiz, purpose="pretest")
    other = submit(Learner(user=make_user()), quiz)

    assert set(first.outcomes.values_list("first_try", flat=True)) == {True}
    assert set(second.outcomes.values_list("first_try", flat=True)) == {False}
    assert set(pretest.outcomes.values_list("first_try", flat=True)) == {True}
    assert set(other.outcomes.values_list("first_try", flat=True)) == {True}


def test_anonymous_learners_first_tries_are_told_apart_by_key(db):
    quiz = make_quiz(questions=1)
    first = submit(Learner(anonymous_key="one"), quiz)
    again = submit(Learner(anonymous_key="one"), quiz)
    other = submit(Learner(anonymous_key="two"), quiz)
    assert [a.outcomes.get().first_try for a in (first, again, other)] == [
        True,
        False,
        True,
    ]


def test_purging_an_anonymous_attempt_keeps_its_outcomes_without_it(db):
    quiz = make_quiz(questions=2)
    attempt = submit(Learner(anonymous_key="youth"), quiz)
    kept = submit(Learner(user=make_user()), quiz)

    purge_expired_anonymous_progress(now=timezone.now() + timedelta(days=365))

    assert not type(attempt).objects.filter(pk=attempt.pk).exists()
    orphans = QuestionOutcome.objects.filter(attempt__isnull=True)
    assert orphans.count() == 2
    assert ChoicePick.objects.filter(outcome__in=orphans).count() == 2
    assert kept.outcomes.count() == 2


def test_the_backfill_gives_older_attempts_their_outcomes_once(db):
    quiz = make_quiz(questions=2, max_attempts=0)
    learner = Learner(user=make_user())
    first = submit(learner, quiz, right=False)
    second = submit(learner, quiz)
    expected = sorted(
        QuestionOutcome.objects.values_list(
            "attempt_id", "question_id", "correct", "first_try", "attempt_score"
        )
    )
    expected_picks = ChoicePick.objects.count()
    QuestionOutcome.objects.all().delete()
    migration = importlib.import_module(
        "quizzes.migrations.0007_backfill_question_outcomes"
    )

    migration.backfill(apps, None)
    migration.backfill(apps, None)  # again: nothing doubles

    assert (
        sorted(
            QuestionOutcome.objects.values_list(
                "attempt_id", "question_id", "correct", "first_try", "attempt_score"
            )
        )
        == expected
    )
    assert {o.attempt_id for o in QuestionOutcome.objects.all()} == {
        first.pk,
        second.pk,
    }
    assert ChoicePick.objects.count() == expected_picks
