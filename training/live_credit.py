"""Lessons taught at a live session count as finished.

An app that runs live sessions calls these when a learner attends (training
knows nothing of sessions). Attendance plus the module's quiz, if it has one,
then completes the module by the one rule (training.selectors.ModuleProgress),
and the learner claims the certificate as after self-paced study.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F

from training.canonical import english_of
from training.models import LessonCompletion, TrainingModulePage


@dataclass(frozen=True)
class LessonCredit:
    """What one attendance added to one lesson: the time, and whether the row
    was new (the learner had not finished the lesson before)."""

    lesson: int
    seconds: int
    created: bool

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "LessonCredit":
        return cls(
            lesson=int(data["lesson"]),
            seconds=int(data["seconds"]),
            created=bool(data["created"]),
        )


def credit_shares(*, total_seconds: int, lessons: int) -> list[int]:
    """`total_seconds` split over `lessons` as evenly as whole seconds allow."""
    if lessons <= 0:
        return []
    share, extra = divmod(max(total_seconds, 0), lessons)
    return [share + (1 if index < extra else 0) for index in range(lessons)]


@transaction.atomic
def lessons_credit_live_session(
    *, user, module: TrainingModulePage, at: datetime, seconds: int
) -> list[LessonCredit]:
    """Record every live lesson of the (English) module as finished at `at`.

    The session's length is shared over the lessons, and never less than the
    module's minimum lesson time: the trainer taught the lessons, so the quiz
    opens as it would after reading them. A lesson already finished keeps its
    row and gains the time.
    """
    module = english_of(module)
    lessons = list(module.lessons())
    total = max(seconds, module.min_lesson_minutes * 60)
    credits = []
    for lesson, share in zip(
        lessons, credit_shares(total_seconds=total, lessons=len(lessons)), strict=True
    ):
        completion, created = LessonCompletion.objects.get_or_create(
            lesson=lesson,
            user=user,
            anonymous_key="",
            defaults={"module": module, "finished_at": at, "seconds_spent": share},
        )
        if not created:
            # Untimed rows (NULL) already count as their share of the minimum.
            added = LessonCompletion.objects.filter(
                pk=completion.pk, seconds_spent__isnull=False
            ).update(seconds_spent=F("seconds_spent") + share)
            share = share if added else 0
        credits.append(LessonCredit(lesson=lesson.pk, seconds=share, created=created))
    return credits


@transaction.atomic
def lessons_uncredit_live_session(*, user, credits: list[LessonCredit]) -> None:
    """Take back what `lessons_credit_live_session` added, and no more.

    A row the session created goes, unless the learner has since added time of
    their own to it (they finished the lesson themselves): then it keeps theirs.
    """
    for credit in credits:
        rows = LessonCompletion.objects.select_for_update().filter(
            user=user, lesson_id=credit.lesson
        )
        completion = rows.first()
        if completion is None:
            continue
        spent = completion.seconds_spent
        if credit.created and (spent is None or spent <= credit.seconds):
            completion.delete()
        elif credit.seconds and spent is not None:
            rows.filter(pk=completion.pk).update(
                seconds_spent=max(spent - credit.seconds, 0)
            )
