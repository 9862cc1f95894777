"""Reads for quiz pages: the attempt a learner owns, and what review they may see."""

from django.http import Http404

from quizzes.choices import ReviewPolicy
from quizzes.grading import question_is_correct
from quizzes.models import Attempt
from quizzes.services import attempts_used


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
