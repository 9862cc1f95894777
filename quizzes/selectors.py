"""Reads for quiz pages: the attempt a learner owns, and what review they may see."""

from datetime import datetime, timedelta

from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone

from quizzes.choices import AttemptPurpose, ReviewPolicy
from quizzes.grading import question_is_correct
from quizzes.models import Attempt, Quiz
from training.learners import Learner


def attempts_used(*, learner: Learner, quiz: Quiz) -> int:
    """Submitted attempts at this quiz, whatever their purpose: every try counts."""
    return (
        Attempt.objects.filter(learner.owns(), quiz=quiz)
        .exclude(submitted_at=None)
        .count()
    )


def open_attempt(*, learner: Learner, quiz: Quiz, purpose: str) -> Attempt | None:
    return Attempt.objects.filter(
        learner.owns(), quiz=quiz, purpose=purpose, submitted_at=None
    ).first()


def retry_after(
    *, learner: Learner, quiz: Quiz, now: datetime | None = None
) -> datetime | None:
    """When the learner may next try the final quiz; None when they may now.

    Every `cooldown_after_failures` failures in a row (since the last pass) start
    a wait of `cooldown_hours` from the last of them; the next tries are free
    until the count comes round again.
    """
    every = quiz.cooldown_after_failures
    if not every or not learner.has_records:
        return None
    submitted = Attempt.objects.filter(
        learner.owns(),
        quiz=quiz,
        purpose=AttemptPurpose.FINAL,
        submitted_at__isnull=False,
    )
    last_pass = submitted.filter(passed=True).aggregate(last=Max("submitted_at"))
    failures = submitted.filter(passed=False)
    if last_pass["last"] is not None:
        failures = failures.filter(submitted_at__gt=last_pass["last"])
    run = failures.aggregate(count=Count("pk"), last=Max("submitted_at"))
    if not run["count"] or run["count"] % every:
        return None
    until = run["last"] + timedelta(hours=quiz.cooldown_hours)
    return until if until > (now or timezone.now()) else None


def attempt_for(*, learner, public_id) -> Attempt:
    """The learner's own attempt, or 404: never reveal that another's exists."""
    attempt = (
        Attempt.objects.filter(learner.owns(), public_id=public_id)
        .select_related("quiz", "module")
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def may_review(attempt: Attempt) -> bool:
    policy = attempt.quiz.review_policy
    if policy == ReviewPolicy.AFTER_EACH:
        return True
    return policy == ReviewPolicy.AFTER_PASSING and bool(attempt.passed)


def result_rows(attempt: Attempt, *, show_answers: bool) -> list[dict]:
    """Per-question outcome; the key and explanations only when review is allowed."""
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        chosen = set(attempt.answers.get(str(question["id"]), []))
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        row = {
            "number": number,
            "prompt": question["prompt"],
            "case_text": question["case_text"],
            "is_correct": question_is_correct(
                correct=frozenset(correct), selected=frozenset(chosen)
            ),
            "choices": [
                {
                    "text": c["text"],
                    "chosen": c["id"] in chosen,
                    "correct": c["correct"] if show_answers else None,
                    "feedback": c["feedback"]
                    if show_answers and c["id"] in chosen
                    else "",
                }
                for c in question["choices"]
            ],
            "explanation": question["explanation"] if show_answers else "",
        }
        rows.append(row)
    return rows


def attempts_left(*, learner, attempt: Attempt) -> int | None:
    """None means unlimited."""
    if not attempt.quiz.max_attempts:
        return None
    used = attempts_used(learner=learner, quiz=attempt.quiz)
    return max(attempt.quiz.max_attempts - used, 0)
