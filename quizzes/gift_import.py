"""Services that import GIFT text into a quiz and export a quiz as GIFT."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Prefetch

from quizzes.choices import Topic
from quizzes.gift import (
    TOPICS,
    GiftChoice,
    GiftError,
    GiftQuestion,
    parse_gift,
    write_gift,
)
from quizzes.models import Choice, Question, Quiz
from quizzes.validation import question_rule_errors

MAX_GIFT_BYTES = 1024 * 1024
CHOICE_TEXT_MAX = Choice._meta.get_field("text").max_length
# Topic.values keeps the order trainers see in the admin's topic menu.
TOPIC_LIST = ", ".join(topic for topic in Topic.values if topic in TOPICS)


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


def _question_problems(question: GiftQuestion) -> list[str]:
    """What stops one parsed question from being saved as a Question."""
    problems = []
    if not question.category:
        problems.append(
            f"no topic: add a '$CATEGORY: topic' line; use one of: {TOPIC_LIST}"
        )
    elif question.category not in TOPICS:
        problems.append(
            f"unknown topic '{question.category}'; use one of: {TOPIC_LIST}"
        )
    problems += question_rule_errors(
        kind=question.kind,
        case_text=question.case_text,
        correct_flags=[choice.correct for choice in question.choices],
    )
    # Question.explanation is required: the admin form would refuse to save it.
    if not question.explanation:
        problems.append("no explanation: add general feedback after '####'")
    for number, choice in enumerate(question.choices, start=1):
        if len(choice.text) > CHOICE_TEXT_MAX:
            problems.append(
                f"answer {number} is longer than {CHOICE_TEXT_MAX} characters"
            )
    return problems


def gift_preview(*, text: str | bytes) -> list[GiftQuestion]:
    """Parse and check GIFT text without saving; GiftError lists every problem."""
    questions = parse_gift(read_gift(data=text))
    errors = [
        (question.line, f"Line {question.line}: {problem}")
        for question in questions
        for problem in _question_problems(question)
    ]
    if errors:
        raise GiftError(errors)
    return questions


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


def gift_import(*, quiz: Quiz, text: str | bytes, user=None) -> list[Question]:
    """Append the questions in GIFT text to a quiz; all of them or none."""
    parsed = gift_preview(text=text)
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
        if reason := import_blocked_reason(quiz=quiz):
            raise GiftError([(0, reason)])
        last = quiz.questions.aggregate(last=Max("sort_order"))["last"]
        start = 0 if last is None else last + 1
        created = [
            _create_question(quiz, item, sort_order=start + offset)
            for offset, item in enumerate(parsed)
        ]
        # A fresh instance, so the revision's content is read back from the
        # database and includes the new rows: publishing a ClusterableModel
        # revision deletes any child row its content does not list.
        quiz = Quiz.objects.get(pk=quiz.pk)
        revision = quiz.save_revision(user=user, log_action=True)
        if quiz.live:
            revision.publish(user=user)
    return created


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
