"""Learner records written straight to the database, at chosen times, for the
insights tests: reports read records, they do not need the flows that write them."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.certificates.codes import code_generate
from training.models import Certificate, LessonView


def at(day: str, hour: int = 12) -> datetime:
    """Noon (by default) of an ISO day, in the site's time zone."""
    naive = datetime.fromisoformat(day).replace(hour=hour)
    return timezone.make_aware(naive)


def owner(learner) -> dict:
    """A user, or an anonymous session key (a str)."""
    if isinstance(learner, str):
        return {"user": None, "anonymous_key": learner, "expires_at": at("2099-01-01")}
    return {"user": learner, "anonymous_key": ""}


def view_lesson(learner, lesson, *, when: datetime) -> LessonView:
    module = lesson.get_parent().specific
    return LessonView.objects.create(
        lesson=lesson, module=module, first_viewed_at=when, **owner(learner)
    )


def submit_attempt(
    learner,
    module,
    *,
    when: datetime,
    score: int,
    purpose: str = AttemptPurpose.FINAL,
    language: str = "en",
) -> Attempt:
    quiz = module.quiz if purpose == AttemptPurpose.FINAL else module.pretest
    return Attempt.objects.create(
        quiz=quiz,
        module=module,
        purpose=purpose,
        language=language,
        questions=[],
        pass_mark=quiz.pass_mark,
        score=Decimal(score),
        passed=score >= quiz.pass_mark,
        started_at=when,
        submitted_at=when,
        **owner(learner),
    )


def issue_certificate(user, module, *, when: datetime, **kwargs) -> Certificate:
    kwargs.setdefault("ce_hours", module.ce_hours or Decimal("1.5"))
    return Certificate.objects.create(
        code=code_generate(),
        user=user,
        module=module,
        module_title=module.title,
        printed_name=user.name,
        audience=module.audience,
        issued_at=when,
        **kwargs,
    )


def record_outcomes(attempt, topics: dict[str, tuple[int, int]]) -> None:
    """Question outcomes for an attempt: {topic: (right, wrong)}."""
    from quizzes.models.outcomes import QuestionOutcome

    rows = []
    for topic, (right, wrong) in topics.items():
        for correct in [True] * right + [False] * wrong:
            rows.append(
                QuestionOutcome(
                    attempt=attempt,
                    quiz=attempt.quiz,
                    purpose=attempt.purpose,
                    question_id=len(rows) + 1,
                    topic=topic,
                    correct=correct,
                    attempt_score=attempt.score,
                    first_try=True,
                    submitted_at=attempt.submitted_at,
                )
            )
    QuestionOutcome.objects.bulk_create(rows)
