"""Pure, database-free grading of a quiz attempt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType


@dataclass(frozen=True)
class FrozenQuestion:
    """A question as it was shown to the learner when the attempt started."""

    id: int
    correct: frozenset[int]
    choice_ids: tuple[int, ...]


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one attempt."""

    score: Decimal
    passed: bool
    correct_by_question: Mapping[int, bool]


def question_is_correct(*, correct: frozenset[int], selected: frozenset[int]) -> bool:
    """Return True only for an exact match: multiple select is all-or-nothing."""
    # An empty selection is an unanswered question, never a right one.
    return bool(selected) and selected == correct


def grade(
    *,
    questions: Sequence[FrozenQuestion],
    answers: Mapping[int, frozenset[int]],
    pass_mark: int,
) -> Grade:
    """Score the attempt as the percentage of questions answered exactly right."""
    if not 0 <= pass_mark <= 100:
        raise ValueError(f"pass_mark must be between 0 and 100, got {pass_mark}")
    correct_by_question = {
        question.id: question_is_correct(
            correct=question.correct,
            selected=frozenset(answers.get(question.id, frozenset())),
        )
        for question in questions
    }
    if len(correct_by_question) != len(questions):
        raise ValueError("question ids must be unique within an attempt")
    if not questions:
        # Nothing to pass: an empty quiz must never unlock a certificate.
        return Grade(
            score=Decimal("0.0"),
            passed=False,
            correct_by_question=MappingProxyType({}),
        )
    score = _percentage(right=sum(correct_by_question.values()), total=len(questions))
    return Grade(
        score=score,
        passed=score >= pass_mark,
        correct_by_question=MappingProxyType(correct_by_question),
    )


def _percentage(*, right: int, total: int) -> Decimal:
    """Return right/total as a percentage with one decimal, rounded half up."""
    # Integer arithmetic keeps the rounding exact: no binary or 28-digit artefacts.
    tenths = (2 * right * 1000 + total) // (2 * total)
    return Decimal(tenths).scaleb(-1)
