"""Services that import GIFT text into a quiz and export a quiz as GIFT.

An import is worked out before anything is saved: gift_preview returns a
GiftPlan that lists, by line, the questions it will import, how each category
became a topic, and what it drops and why. gift_import_plan saves a plan (all
of it or nothing); gift_import does both.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.html import strip_tags
from django.utils.text import Truncator

from quizzes.choices import Topic
from quizzes.gift.parser import (
    GiftBank,
    GiftChoice,
    GiftError,
    GiftQuestion,
    parse_gift_bank,
    write_gift,
)
from quizzes.models import Choice, Question, Quiz
from quizzes.validation import question_rule_errors

MAX_GIFT_BYTES = 1024 * 1024
# Per import; settings.GIFT_MAX_QUESTIONS overrides it. A 20,000-question
# preview took 21 s and sent 17 MB of HTML.
MAX_GIFT_QUESTIONS = 500
TOPICS = frozenset(Topic.values)
# Topic.values keeps the order trainers see in the admin's topic menu.
TOPIC_LIST = ", ".join(Topic.values)
_KIND_WORDS = {
    "single": "single choice",
    "multiple": "multiple select",
    "true_false": "true/false",
    "scenario": "scenario",
}


@dataclass(frozen=True)
class GiftRow:
    """One line of a plan, as the preview and import_gift list it."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass(frozen=True)
class GiftPlan:
    """What importing a GIFT text will do, worked out before anything is saved."""

    questions: tuple[GiftQuestion, ...]  # to import; each category is its topic
    imported: tuple[GiftRow, ...]
    mapped: tuple[GiftRow, ...]  # one per $CATEGORY that questions are imported from
    dropped: tuple[GiftRow, ...]

    def report(self) -> list[str]:
        """The plan as lines of text, under the headings Imported, Mapped, Dropped."""
        lines = []
        for heading, rows in (
            ("Imported", self.imported),
            ("Mapped", self.mapped),
            ("Dropped", self.dropped),
        ):
            if rows:
                lines.append(f"{heading}:")
                lines.extend(f"  {row}" for row in rows)
        return lines


def read_gift(*, data: str | bytes) -> str:
    """Return the text of an upload or paste; reject it if too big or not UTF-8."""
    size = len(data) if isinstance(data, bytes) else len(data.encode(errors="replace"))
    if size > MAX_GIFT_BYTES:
        raise GiftError([(1, "Line 1: the file is larger than 1 MB; split it up")])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            message = f"the file is not UTF-8 text (first bad byte on line {line})"
            raise GiftError([(1, f"Line 1: {message}; save it as UTF-8")]) from None
    if "\x00" in data:
        # PostgreSQL text columns cannot store NUL, and it means a binary file.
        line = data.count("\n", 0, data.index("\x00")) + 1
        raise GiftError([(line, f"Line {line}: NUL character; is this a text file?")])
    return data.removeprefix("\ufeff")


def gift_preview(*, text: str | bytes, default_topic: str = "") -> GiftPlan:
    """Parse and check GIFT text without saving; GiftError lists every error.

    default_topic is given to questions whose category matches no topic;
    without it they are dropped (and listed).
    """
    if default_topic and default_topic not in TOPICS:
        raise ValueError(f"unknown topic {default_topic!r}")
    limit = getattr(settings, "GIFT_MAX_QUESTIONS", MAX_GIFT_QUESTIONS)
    bank = parse_gift_bank(read_gift(data=text), max_questions=limit)
    errors = [
        (question.line, f"Line {question.line}: {problem}")
        for question in bank.questions
        for problem in question_rule_errors(
            kind=question.kind,
            case_text=question.case_text,
            correct_flags=[choice.correct for choice in question.choices],
        )
    ]
    if errors:
        raise GiftError(errors)
    return _plan(bank, default_topic=default_topic)


def _plan(bank: GiftBank, *, default_topic: str) -> GiftPlan:
    questions, imported = [], []
    dropped = [GiftRow(line, why) for line, why in bank.skipped]
    # One row per $CATEGORY line (0: questions before any), at its first use.
    mapped: dict[int, GiftRow] = {}
    for question in bank.questions:
        topic = question.category if question.category in TOPICS else default_topic
        if not topic:
            dropped.append(GiftRow(question.line, _unmatched(question)))
            continue
        questions.append(dataclasses.replace(question, category=topic))
        imported.append(GiftRow(question.line, _summary(question, topic)))
        line = question.category_line or question.line
        mapped.setdefault(
            question.category_line, GiftRow(line, _mapping(question, topic))
        )
    return GiftPlan(
        questions=tuple(questions),
        imported=tuple(imported),
        mapped=tuple(sorted(mapped.values(), key=lambda row: row.line)),
        dropped=tuple(sorted(dropped, key=lambda row: row.line)),
    )


def _unmatched(question: GiftQuestion) -> str:
    if not question.category:
        return f"no topic: add a '$CATEGORY: topic' line; use one of: {TOPIC_LIST}"
    topic = f"unknown topic '{question.category}'"
    if question.category_path.lower() != question.category:
        topic += f" (category '{question.category_path}')"
    return f"{topic}; use one of: {TOPIC_LIST}"


def _mapping(question: GiftQuestion, topic: str) -> str:
    label = Topic(topic).label
    source = f"category '{question.category_path}'"
    if question.category == topic:
        return f"{source} -> topic {label}"
    if not question.category:
        source = "no category"
    return f"{source} -> topic {label} (the topic for unmatched categories)"


def _summary(question: GiftQuestion, topic: str) -> str:
    prompt = " ".join(html.unescape(strip_tags(question.prompt)).split())
    summary = f"{_KIND_WORDS[question.kind]}, {Topic(topic).label}: "
    summary += Truncator(prompt).chars(60)
    return summary if question.explanation else f"{summary} - no explanation yet"


def import_blocked_reason(*, quiz: Quiz) -> str:
    """Why importing into this quiz now would lose work; empty when it is safe."""
    # A live quiz's draft exists only as a revision; the import writes the live
    # rows and publishes, which would bury that draft in the history.
    if quiz.live and quiz.has_unpublished_changes:
        return (
            "This quiz has unpublished changes. Publish or discard them first, "
            "so the import does not hide them."
        )
    return ""


def gift_import(
    *, quiz: Quiz, text: str | bytes, user=None, default_topic: str = ""
) -> list[Question]:
    """Append the importable questions in GIFT text to a quiz; all or none."""
    plan = gift_preview(text=text, default_topic=default_topic)
    return gift_import_plan(quiz=quiz, plan=plan, user=user)


def gift_import_plan(*, quiz: Quiz, plan: GiftPlan, user=None) -> list[Question]:
    """Append a plan's questions to a quiz; all of them or none."""
    if not plan.questions:
        # An empty import would still save a revision, and say nothing useful.
        nothing = "Nothing to import: no question in the file can be imported."
        raise GiftError([(0, nothing), *((row.line, str(row)) for row in plan.dropped)])
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
        if reason := import_blocked_reason(quiz=quiz):
            raise GiftError([(0, reason)])
        last = quiz.questions.aggregate(last=Max("sort_order"))["last"]
        start = 0 if last is None else last + 1
        created = [
            _create_question(quiz, item, sort_order=start + offset)
            for offset, item in enumerate(plan.questions)
        ]
        # A fresh instance, so the revision's content is read back from the
        # database and includes the new rows: publishing a ClusterableModel
        # revision deletes any child row its content does not list.
        quiz = Quiz.objects.get(pk=quiz.pk)
        revision = quiz.save_revision(user=user, log_action=True)
        if quiz.live:
            revision.publish(user=user)
    return created


def gift_replace_questions(*, quiz: Quiz, plan: GiftPlan, user=None) -> None:
    """Make the quiz's questions exactly the plan's, updating rows in place.

    Question i and its choice j keep their rows (and so their ids and
    translation keys): attempts, item statistics and translations stay attached
    across an edit of the bank. Rows beyond the new counts are deleted.
    """
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
        if reason := import_blocked_reason(quiz=quiz):
            raise GiftError([(0, reason)])
        existing = list(quiz.questions.order_by("sort_order", "pk"))
        for order, item in enumerate(plan.questions):
            if order < len(existing):
                _update_question(existing[order], item, sort_order=order)
            else:
                _create_question(quiz, item, sort_order=order)
        Question.objects.filter(
            pk__in=[q.pk for q in existing[len(plan.questions) :]]
        ).delete()
        quiz = Quiz.objects.get(pk=quiz.pk)  # re-read: see gift_import_plan
        revision = quiz.save_revision(user=user, log_action=True)
        if quiz.live:
            revision.publish(user=user)


def _update_question(
    question: Question, item: GiftQuestion, *, sort_order: int
) -> None:
    question.kind, question.topic = item.kind, item.category
    question.case_text, question.prompt = item.case_text, item.prompt
    question.explanation, question.sort_order = item.explanation, sort_order
    question.save()
    choices = list(question.choices.order_by("sort_order", "pk"))
    for number, choice in enumerate(item.choices):
        if number < len(choices):
            row = choices[number]
            row.text, row.is_correct, row.feedback = (
                choice.text,
                choice.correct,
                choice.feedback,
            )
            row.sort_order = number
            row.save()
        else:
            Choice.objects.create(
                question=question,
                text=choice.text,
                is_correct=choice.correct,
                feedback=choice.feedback,
                sort_order=number,
            )
    Choice.objects.filter(pk__in=[c.pk for c in choices[len(item.choices) :]]).delete()


def _create_question(quiz: Quiz, item: GiftQuestion, *, sort_order: int) -> Question:
    question = Question.objects.create(
        quiz=quiz,
        kind=item.kind,
        topic=item.category,
        case_text=item.case_text,
        prompt=item.prompt,
        explanation=item.explanation,
        sort_order=sort_order,
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            # bulk_create skips the pre_save signal that gives rows their locale.
            locale_id=question.locale_id,
            text=choice.text,
            is_correct=choice.correct,
            feedback=choice.feedback,
            sort_order=number,
        )
        for number, choice in enumerate(item.choices)
    )
    return question


def gift_export(*, quiz: Quiz) -> str:
    """Return the quiz's saved questions as GIFT text, in quiz order."""
    ordered_choices = Prefetch(
        "choices", queryset=Choice.objects.order_by("sort_order", "pk")
    )
    questions = quiz.questions.order_by("sort_order", "pk").prefetch_related(
        ordered_choices
    )
    return write_gift(
        _to_gift(question, number=number)
        for number, question in enumerate(questions, 1)
    )


def _to_gift(question: Question, *, number: int) -> GiftQuestion:
    case_text, prompt = question.case_text, question.prompt
    if question.kind == "scenario":
        # In a scenario, \n separates case from question; the quiz pages render
        # text with linebreaks, so <br> shows the same line break.
        case_text, prompt = (_one_line(case_text), _one_line(prompt))
    return GiftQuestion(
        # The parser treats a title starting "Scenario" as a scenario.
        title=f"Scenario {number}" if question.kind == "scenario" else f"Q{number}",
        kind=question.kind,
        prompt=prompt,
        case_text=case_text,
        category=question.topic,
        explanation=question.explanation,
        choices=tuple(
            GiftChoice(choice.text, choice.is_correct, choice.feedback)
            for choice in question.choices.all()
        ),
    )


def _one_line(text: str) -> str:
    return "<br>".join(line.strip() for line in text.strip().splitlines())
