"""Writes that start, save and submit attempts: atomic, idempotent, server-graded."""

import random
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from quizzes.choices import AttemptPurpose, QuestionKind
from quizzes.drawing import draw_by_topic
from quizzes.grading import FrozenQuestion, grade
from quizzes.models import (
    Attempt,
    Choice,
    ChoicePick,
    Question,
    QuestionOutcome,
    Quiz,
)
from quizzes.selectors import attempts_used, open_attempt, retry_after
from training.canonical import english_of
from training.learners import Learner


class AttemptError(Exception):
    """Something the learner can correct; `errors` maps question id to text."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__("; ".join(str(message) for message in errors.values()))

    @property
    def errors_text(self) -> dict[str, str]:
        return {str(key or ""): str(message) for key, message in self.errors.items()}


class AttemptsExhausted(AttemptError):
    def __init__(self):
        super().__init__(
            {None: gettext("You have used every attempt this quiz allows.")}
        )


class AttemptsPaused(AttemptError):
    def __init__(self, until):
        local = timezone.localtime(until)
        super().__init__(
            {
                None: "You have not passed after several tries in a row. Take time "
                "to go back over the lessons: you can try again from "
                f"{local:%B} {local.day}, {local:%Y} at {local:%H:%M}."
            }
        )
        self.until = until


class AttemptClosed(AttemptError):
    def __init__(self):
        super().__init__({None: gettext("This attempt has already been submitted.")})


def english_ids(*, quiz: Quiz, english: Quiz) -> dict:
    """{translation key: English pk} of a translated quiz's questions and choices."""
    if quiz.pk == english.pk:
        return {}
    rows = Question.objects.filter(quiz=english).values_list("translation_key", "pk")
    choices = Choice.objects.filter(question__quiz=english).values_list(
        "translation_key", "pk"
    )
    return dict(rows) | dict(choices)


def freeze_questions(
    *, quiz: Quiz, english: Quiz | None = None, rng: random.Random | None = None
) -> list[dict]:
    """Snapshot the quiz's questions (drawn and shuffled as configured) with the key.

    The text is `quiz`'s, in the language the learner reads; the ids are always
    the English quiz's (`english`), so grading, limits and statistics are one
    whatever the language.
    """
    rng = rng or random.SystemRandom()
    ids = english_ids(quiz=quiz, english=english or quiz)

    def id_of(row) -> int:
        return ids.get(row.translation_key, row.pk) if ids else row.pk

    questions = draw_by_topic(
        list(quiz.questions.prefetch_related("choices").order_by("sort_order")),
        topic_of=lambda question: question.topic,
        count=quiz.draw_count,
        rng=rng,
    )
    if quiz.shuffle:
        rng.shuffle(questions)
    frozen = []
    for question in questions:
        choices = list(question.choices.all())
        if quiz.shuffle and question.kind != QuestionKind.TRUE_FALSE:
            rng.shuffle(choices)
        frozen.append(
            {
                "id": id_of(question),
                "kind": question.kind,
                "topic": question.topic,
                "case_text": question.case_text,
                "prompt": question.prompt,
                "explanation": question.explanation,
                "choices": [
                    {
                        "id": id_of(choice),
                        "text": choice.text,
                        "feedback": choice.feedback,
                        "correct": choice.is_correct,
                    }
                    for choice in choices
                ],
            }
        )
    return frozen


def attempt_start(
    *, learner: Learner, quiz: Quiz, module=None, purpose: str = AttemptPurpose.FINAL
) -> Attempt:
    """Resume the learner's open attempt, or start one if attempts remain.

    `quiz` and `module` are what the learner sees, in any language: the attempt
    belongs to their English versions and freezes the questions as shown.
    """
    shown, quiz, module = quiz, english_of(quiz), english_of(module)
    existing = open_attempt(learner=learner, quiz=quiz, purpose=purpose)
    if existing:
        return existing
    if (
        quiz.max_attempts
        and attempts_used(learner=learner, quiz=quiz) >= quiz.max_attempts
    ):
        raise AttemptsExhausted()
    now = timezone.now()
    if purpose == AttemptPurpose.FINAL and (
        until := retry_after(learner=learner, quiz=quiz, now=now)
    ):
        raise AttemptsPaused(until)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                quiz=quiz,
                module=module,
                purpose=purpose,
                language=shown.locale.language_code,
                questions=freeze_questions(quiz=shown, english=quiz),
                pass_mark=quiz.pass_mark,
                started_at=now,
                deadline=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
                expires_at=learner.expires_at(now),
                **learner.owner_fields(),
            )
    except IntegrityError:
        # Two tabs started at once: the partial unique constraint kept one.
        return open_attempt(learner=learner, quiz=quiz, purpose=purpose)


def validate_answers(
    *, attempt: Attempt, answers: dict[int, list[int]]
) -> dict[int, list[int]]:
    """Check answers against the frozen questions; AttemptError if any is bad."""
    questions = {q["id"]: q for q in attempt.questions}
    errors = {}
    cleaned = {}
    for question_id, choice_ids in answers.items():
        question = questions.get(question_id)
        if question is None:
            errors[None] = gettext(
                "An answer was sent for a question that is not in this quiz."
            )
            continue
        allowed = {choice["id"] for choice in question["choices"]}
        if not set(choice_ids) <= allowed:
            errors[question_id] = gettext(
                "That choice does not belong to this question."
            )
        elif len(set(choice_ids)) != len(choice_ids):
            errors[question_id] = gettext("The same choice was sent twice.")
        elif len(choice_ids) > 1 and not Attempt.takes_several_answers(question):
            errors[question_id] = gettext("Choose only one answer for this question.")
        else:
            cleaned[question_id] = sorted(choice_ids)
    if errors:
        raise AttemptError(errors)
    return cleaned


def _time_is_up(attempt: Attempt, now) -> bool:
    # A little grace for the request in flight; the clock is the server's.
    return attempt.deadline is not None and now > attempt.deadline + timedelta(
        seconds=30
    )


def attempt_save_answers(*, attempt: Attempt, answers: dict[int, list[int]]) -> Attempt:
    """Save answers as the learner goes, so a closed tab resumes where it was."""
    cleaned = validate_answers(attempt=attempt, answers=answers)
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.is_submitted or _time_is_up(locked, timezone.now()):
            raise AttemptClosed()
        locked.answers = {**locked.answers, **{str(k): v for k, v in cleaned.items()}}
        locked.save(update_fields=["answers"])
    return locked


def attempt_submit(*, attempt: Attempt, answers: dict[int, list[int]]) -> Attempt:
    """Grade once. A second submit of the same attempt returns the first result.

    Invalid answers change nothing. Missing answers keep what was answered and
    raise, naming the questions still open.
    """
    missing = {}
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.is_submitted:
            return locked
        now = timezone.now()
        final = {int(k): v for k, v in locked.answers.items()}
        # Out of time: grade what was saved before the deadline, nothing new.
        if not _time_is_up(locked, now):
            final.update(validate_answers(attempt=locked, answers=answers))
            missing = {
                q["id"]: gettext("Please answer this question.")
                for q in locked.questions
                if not final.get(q["id"])
            }
        locked.answers = {str(k): v for k, v in final.items()}
        if missing:
            locked.save(update_fields=["answers"])
        else:
            _grade(locked, answers=final, now=now)
    if missing:
        raise AttemptError(missing)
    return locked


def _grade(attempt: Attempt, *, answers: dict[int, list[int]], now) -> None:
    result = grade(
        questions=[
            FrozenQuestion(
                id=q["id"],
                correct=frozenset(c["id"] for c in q["choices"] if c["correct"]),
                choice_ids=tuple(c["id"] for c in q["choices"]),
            )
            for q in attempt.questions
        ],
        answers={k: frozenset(v) for k, v in answers.items()},
        pass_mark=attempt.pass_mark,
    )
    attempt.score = result.score
    attempt.passed = result.passed
    attempt.submitted_at = now
    attempt.save(update_fields=["answers", "score", "passed", "submitted_at"])
    _record_outcomes(attempt, answers=answers, correct=result.correct_by_question)


def _record_outcomes(attempt: Attempt, *, answers: dict, correct) -> None:
    """One outcome per question and one pick per ticked choice, for the statistics.

    Runs inside the grading transaction: a graded attempt always has its rows.
    Three queries whatever the quiz's length.
    """
    # The learner holds one open attempt per quiz and purpose, so no other of
    # theirs can be submitted concurrently: this check cannot race.
    learner = (
        Q(user_id=attempt.user_id)
        if attempt.user_id
        else Q(user__isnull=True, anonymous_key=attempt.anonymous_key)
    )
    earlier = (
        Attempt.objects.filter(
            learner,
            quiz_id=attempt.quiz_id,
            purpose=attempt.purpose,
            submitted_at__isnull=False,
        )
        .exclude(pk=attempt.pk)
        .exists()
    )
    outcomes = QuestionOutcome.objects.bulk_create(
        QuestionOutcome(
            attempt=attempt,
            quiz_id=attempt.quiz_id,
            purpose=attempt.purpose,
            question_id=question["id"],
            topic=question["topic"],
            correct=correct[question["id"]],
            attempt_score=attempt.score,
            first_try=not earlier,
            submitted_at=attempt.submitted_at,
        )
        for question in attempt.questions
    )
    ChoicePick.objects.bulk_create(
        ChoicePick(outcome=outcome, choice_id=choice_id)
        for outcome in outcomes
        for choice_id in sorted(answers.get(outcome.question_id, ()))
    )
