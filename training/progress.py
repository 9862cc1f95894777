"""Services that record and move learner progress."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from training.learners import Learner, anonymous_expiry_delta
from training.models import LessonCompletion, LessonPage, TrainingModulePage


def lesson_finish(
    *, learner: Learner, lesson: LessonPage, module: TrainingModulePage
) -> None:
    """Record that the learner finished the lesson; finishing twice changes nothing."""
    now = timezone.now()
    try:
        with transaction.atomic():
            LessonCompletion.objects.get_or_create(
                lesson=lesson,
                **learner.owner_fields(),
                defaults={
                    "module": module,
                    "finished_at": now,
                    "expires_at": learner.expires_at(now),
                },
            )
    except IntegrityError:
        pass  # a double click recorded it in between: the lesson is finished either way
    if not learner.user:
        # Anonymous progress lives 30 days from the learner's last step.
        LessonCompletion.objects.filter(learner.owns()).update(
            expires_at=now + anonymous_expiry_delta()
        )


@transaction.atomic
def progress_claim(*, anonymous_key: str, user) -> int:
    """Move an anonymous session's progress to the account that just signed in."""
    if not anonymous_key:
        return 0
    rows = LessonCompletion.objects.select_for_update().filter(
        user__isnull=True, anonymous_key=anonymous_key
    )
    already = set(
        LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)
    )
    rows.filter(lesson_id__in=already).delete()
    moved = rows.exclude(lesson_id__in=already).update(
        user=user, anonymous_key="", expires_at=None
    )
    return moved + _claim_attempts(anonymous_key=anonymous_key, user=user)


def _claim_attempts(*, anonymous_key: str, user) -> int:
    from quizzes.models import Attempt

    attempts = Attempt.objects.filter(user__isnull=True, anonymous_key=anonymous_key)
    # The account's own open attempt wins over the session's (one open per quiz).
    open_quizzes = Attempt.objects.filter(user=user, submitted_at=None).values(
        "quiz_id"
    )
    attempts.filter(submitted_at=None, quiz_id__in=open_quizzes).delete()
    return attempts.update(user=user, anonymous_key="", expires_at=None)


def purge_expired_anonymous_progress(*, now=None) -> int:
    """Delete anonymous progress and quiz attempts past expiry; returns rows gone."""
    from quizzes.models import Attempt

    now = now or timezone.now()
    lessons, _ = LessonCompletion.objects.filter(
        user__isnull=True, expires_at__lt=now
    ).delete()
    attempts, _ = Attempt.objects.filter(user__isnull=True, expires_at__lt=now).delete()
    return lessons + attempts
