"""Services that record and move learner progress."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from quizzes.models import Attempt
from training.canonical import english_of
from training.feedback import feedback_claim, feedback_unlink_expired
from training.learners import Learner, anonymous_expiry_delta
from training.models import LessonCompletion, LessonPage, LessonView, TrainingModulePage
from training.purges import run_registered_purges, sessions_still_live

# A tab left open overnight is not a night of reading: one visit counts an hour
# at most towards a module's minimum time.
MAX_VISIT_SECONDS = 60 * 60


def _record_once(model, *, learner: Learner, lesson: LessonPage, now, **defaults):
    """The learner's row for the lesson, created if missing: (row, created).

    A concurrent request (a double click, a second tab) that created it in
    between gives its row, as get_or_create would; (None, True) if that row is
    gone again by the time it is read.
    """
    owner = {"lesson": lesson, **learner.owner_fields()}
    # Most visits find the row: read it outside a transaction, which on SQLite
    # takes the write lock (BEGIN IMMEDIATE) and would queue every reader.
    found = model.objects.filter(**owner).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            row = model.objects.create(
                **owner, **defaults, expires_at=learner.expires_at(now)
            )
        return row, True
    except IntegrityError:
        # Created in between (the unique constraints): read what the other made.
        found = model.objects.filter(**owner).first()
        return (found, False) if found is not None else (None, True)


def lesson_view_record(
    *, learner: Learner, lesson: LessonPage, module: TrainingModulePage
) -> None:
    """The learner opened the lesson now: the start of the time that counts."""
    lesson, module = english_of(lesson), english_of(module)
    now = timezone.now()
    view, created = _record_once(
        LessonView,
        learner=learner,
        lesson=lesson,
        now=now,
        module=module,
        first_viewed_at=now,
        opened_at=now,
    )
    if not created and view.opened_at is None:
        # Reopened after finishing it: a new visit starts (an open visit keeps
        # its start, so reloading the page does not reset the clock).
        LessonView.objects.filter(pk=view.pk).update(opened_at=now)


def _close_visit(*, learner: Learner, lesson: LessonPage, now) -> int:
    """Seconds since the open visit began (capped), closing it; 0 without one."""
    view = (
        LessonView.objects.filter(learner.owns(), lesson=lesson)
        .exclude(opened_at=None)
        .values_list("pk", "opened_at")
        .first()
    )
    if view is None:
        return 0
    pk, opened_at = view
    # Compare and clear: of two clicks at once, only one counts the visit.
    if not LessonView.objects.filter(pk=pk, opened_at=opened_at).update(opened_at=None):
        return 0
    return min(max(int((now - opened_at).total_seconds()), 0), MAX_VISIT_SECONDS)


def lesson_finish(
    *, learner: Learner, lesson: LessonPage, module: TrainingModulePage
) -> None:
    """Record that the learner finished the lesson; finishing twice changes nothing
    but the time, which a second visit adds to. In any language: the record is
    the English lesson's."""
    lesson, module = english_of(lesson), english_of(module)
    now = timezone.now()
    seconds = _close_visit(learner=learner, lesson=lesson, now=now)
    completion, created = _record_once(
        LessonCompletion,
        learner=learner,
        lesson=lesson,
        now=now,
        module=module,
        finished_at=now,
        seconds_spent=seconds,
    )
    if not created and seconds:
        # A later visit that ends in "finished" again adds its time.
        LessonCompletion.objects.filter(
            pk=completion.pk, seconds_spent__isnull=False
        ).update(seconds_spent=F("seconds_spent") + seconds)
    if not learner.user:
        # Anonymous progress lives 30 days from the learner's last step.
        expires_at = now + anonymous_expiry_delta()
        LessonCompletion.objects.filter(learner.owns()).update(expires_at=expires_at)
        LessonView.objects.filter(learner.owns()).update(expires_at=expires_at)


@transaction.atomic
def progress_claim(*, anonymous_key: str, user) -> int:
    """Move an anonymous session's progress to the account that just signed in."""
    if not anonymous_key:
        return 0
    moved = 0
    for model in (LessonCompletion, LessonView):
        rows = model.objects.select_for_update().filter(
            user__isnull=True, anonymous_key=anonymous_key
        )
        already = model.objects.filter(user=user).values_list("lesson_id", flat=True)
        # The account's own record of a lesson wins over the session's.
        rows.filter(lesson_id__in=list(already)).delete()
        moved += rows.update(user=user, anonymous_key="", expires_at=None)
    moved += feedback_claim(anonymous_key=anonymous_key, user=user)
    return moved + _claim_attempts(anonymous_key=anonymous_key, user=user)


def _claim_attempts(*, anonymous_key: str, user) -> int:
    attempts = Attempt.objects.filter(user__isnull=True, anonymous_key=anonymous_key)
    # The account's own open attempt wins over the session's (one open per quiz).
    open_quizzes = Attempt.objects.filter(user=user, submitted_at=None).values(
        "quiz_id"
    )
    attempts.filter(submitted_at=None, quiz_id__in=open_quizzes).delete()
    return attempts.update(user=user, anonymous_key="", expires_at=None)


ANONYMOUS_RECORDS = (LessonCompletion, LessonView, Attempt)


def expired_anonymous_rows(model, *, now):
    """The model's rows of anonymous sessions that have expired as a whole.

    A session's rows expire at different times (an attempt 30 days after it
    began, lessons 30 days after the last one finished); a session goes only
    when every row has, 30 days after its last step. Half a session would
    make its next attempt look like its first, and count it twice.
    """
    return model.objects.filter(user__isnull=True, expires_at__lt=now).exclude(
        sessions_still_live(now=now)
    )


def purge_expired_anonymous_progress(*, now=None) -> int:
    """Delete anonymous sessions' progress and quiz attempts once the whole
    session has expired, and unlink survey answers from it; returns the rows
    deleted or unlinked."""
    now = now or timezone.now()
    with transaction.atomic():
        # Other apps' rows that expire with this progress, and what they keep
        # of it, first: they may read the rows about to go (training/purges.py).
        deleted = run_registered_purges(now=now)
        # Selected all before any goes: deleting one model's rows must not make
        # a session look expired to the next.
        expired = [
            list(expired_anonymous_rows(model, now=now).values_list("pk", flat=True))
            for model in ANONYMOUS_RECORDS
        ]
        for model, pks in zip(ANONYMOUS_RECORDS, expired, strict=True):
            count, _ = model.objects.filter(pk__in=pks).delete()
            deleted += count
        # Survey answers stay for the aggregates, unlinked from the expired session.
        return deleted + feedback_unlink_expired(now=now)
