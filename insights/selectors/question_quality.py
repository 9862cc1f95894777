"""Question quality for one quiz: item analysis computed in the database.

A fixed number of queries whatever the number of attempts: one grouped count
of every question's attempts by total score and by right or wrong, one grouped
count of the choices picked, two reading the quiz's current questions and
choices. Totals are percentages with one decimal, so the groups stay few
(at most 2,002 a question) however many attempts there are: Python turns those
groups into figures (insights/item_stats.py), 27% cuts included, and never
sees an attempt. (Cuts by window query and conditional aggregates took 1.6 s
on 100,000 attempts in bench/insights_reports.py; sorting every row twice was
most of it.)

Rows come from QuestionOutcome, which holds no learner: nothing here can name
one. Outcomes belong to the English quiz (its questions' and choices' ids),
whatever language the attempt was taken in.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from insights.item_stats import (
    ItemStats,
    QuestionAggregate,
    aggregate_counts,
    item_stats,
)
from insights.selectors.reach import day_range
from quizzes.choices import AttemptPurpose
from quizzes.models import ChoicePick, Question, QuestionOutcome, Quiz


@dataclass(frozen=True)
class ChoiceRow:
    id: int
    text: str
    correct: bool
    picks: int


@dataclass(frozen=True)
class QuestionRow:
    number: int | None  # its place in the quiz today; None once removed
    id: int
    prompt: str
    topic: str
    stats: ItemStats
    choices: list[ChoiceRow]


@dataclass(frozen=True)
class QuestionQuality:
    quiz: Quiz
    first_try_only: bool
    questions: list[QuestionRow]


def outcome_filter(
    *,
    quiz: Quiz,
    purpose: str = AttemptPurpose.FINAL,
    first_try_only: bool = True,
    start: date | None = None,
    end: date | None = None,
    prefix: str = "",
) -> Q:
    """The outcomes a report counts; `prefix` reaches them from a related model."""
    conditions = {"quiz": quiz, "purpose": purpose}
    if first_try_only:
        conditions["first_try"] = True
    if start is not None:
        conditions["submitted_at__gte"] = day_range(start, start)[0]
    if end is not None:
        conditions["submitted_at__lt"] = day_range(end, end)[1]
    return Q(**{prefix + name: value for name, value in conditions.items()})


def question_aggregates(outcomes) -> dict[int, QuestionAggregate]:
    """Every question's attempts counted by total and by right or wrong, in one
    grouped query: at most 2,002 rows a question (totals have one decimal)
    whatever the number of attempts. item_stats sums the groups up."""
    groups: dict[int, list] = {}
    rows = (
        outcomes.order_by()
        .values_list("question_id", "attempt_score", "correct")
        .annotate(attempts=Count("id"))
    )
    for question, score, correct, attempts in rows:
        groups.setdefault(question, []).append((score, correct, attempts))
    return {question: aggregate_counts(rows) for question, rows in groups.items()}


def choice_picks(**filters) -> dict[int, dict[int, int]]:
    """{question id: {choice id: times picked}} in one grouped count."""
    picks: dict[int, dict[int, int]] = {}
    rows = (
        ChoicePick.objects.filter(outcome_filter(prefix="outcome__", **filters))
        .order_by()
        .values_list("outcome__question_id", "choice_id")
        .annotate(times=Count("id"))
    )
    for question, choice, times in rows:
        picks.setdefault(question, {})[choice] = times
    return picks


def question_quality(
    *,
    quiz: Quiz,
    first_try_only: bool = True,
    start: date | None = None,
    end: date | None = None,
    purpose: str = AttemptPurpose.FINAL,
) -> QuestionQuality:
    """Item analysis of `quiz` (English) over its submitted attempts of `purpose`.

    By default each learner's first attempt only: later ones are learners who
    have seen the questions before. The quiz's questions today come first, in
    order (with no figures if nobody has answered them); questions since
    removed follow, named by id.
    """
    filters = {
        "quiz": quiz,
        "purpose": purpose,
        "first_try_only": first_try_only,
        "start": start,
        "end": end,
    }
    outcomes = QuestionOutcome.objects.filter(outcome_filter(**filters))
    aggregates = question_aggregates(outcomes)
    picks = choice_picks(**filters)
    current = list(
        Question.objects.filter(quiz=quiz)
        .order_by("sort_order", "pk")
        .prefetch_related("choices")
    )
    empty = QuestionAggregate.unanswered()

    def row(number, question_id, prompt, topic, choices) -> QuestionRow:
        picked = picks.get(question_id, {})
        known = {choice.id for choice in choices}
        choices = choices + [
            ChoiceRow(id=choice, text="A choice since removed", correct=False, picks=0)
            for choice in sorted(set(picked) - known)
        ]
        choices = [
            ChoiceRow(c.id, c.text, c.correct, picked.get(c.id, 0)) for c in choices
        ]
        aggregate = aggregates.get(question_id, empty)
        aggregate = QuestionAggregate(
            **{
                **aggregate.__dict__,
                "picks": picked,
                "keys": frozenset(c.id for c in choices if c.correct),
            }
        )
        return QuestionRow(
            number=number,
            id=question_id,
            prompt=prompt,
            topic=topic,
            stats=item_stats(aggregate),
            choices=choices,
        )

    rows = [
        row(
            number,
            question.pk,
            question.prompt,
            question.get_topic_display(),
            [ChoiceRow(c.pk, c.text, c.is_correct, 0) for c in question.choices.all()],
        )
        for number, question in enumerate(current, start=1)
    ]
    removed = sorted(set(aggregates) - {question.pk for question in current})
    rows += [
        row(None, question_id, f"A question since removed (id {question_id})", "", [])
        for question_id in removed
    ]
    return QuestionQuality(quiz=quiz, first_try_only=first_try_only, questions=rows)
