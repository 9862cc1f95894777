"""Services for the learner survey: record answers, move them, unlink them.

Records belong to the English module (training/canonical.py). Answering again
updates the learner's one row; an anonymous session's row moves to the account
at sign-in and loses its key at the 30-day purge (the answers stay, linked to
no one, for the trainers' aggregates).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.canonical import english_of
from training.learners import Learner
from training.models import (
    LessonCompletion,
    ModuleFeedback,
    TrainingModulePage,
)
from training.models.feedback import COMMENT_MAX_LENGTH, SCALE
from training.purges import sessions_still_live

SCALED = ("confidence_before", "usefulness", "confidence_after")


class FeedbackError(Exception):
    """Answers the survey cannot take; `errors` maps a field (or None) to a message."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def feedback_for(*, learner: Learner, module: TrainingModulePage):
    """The learner's answers about the module (any language), or None. One query,
    none for a reader with no records."""
    if not learner.has_records:
        return None
    return (
        ModuleFeedback.objects.filter(
            learner.owns(), module__translation_key=module.translation_key
        )
        .only(*SCALED, "comment", "module_id")
        .first()
    )


def _validate(answers: dict) -> dict:
    errors = {}
    for name in SCALED:
        value = answers.get(name)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not SCALE[0] <= value <= SCALE[1]
        ):
            errors[name] = gettext("Choose a number from 1 to 5.")
    comment = answers.get("comment")
    if comment is not None and len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = gettext(
            "Keep your comment to %(limit)s characters or fewer."
        ) % {"limit": COMMENT_MAX_LENGTH}
    return errors


def _record(*, learner: Learner, module: TrainingModulePage, answers: dict):
    """Write the given answers to the learner's row (created on the first)."""
    answers = {
        name: value for name, value in answers.items() if value not in (None, "")
    }
    if errors := _validate(answers):
        raise FeedbackError(errors)
    if not answers:
        raise FeedbackError(
            {None: gettext("You did not answer anything. Answer a question, or skip.")}
        )
    if not learner.has_records:
        raise ValueError("a learner with records (an account or an anonymous key)")
    module = english_of(module)
    now = timezone.now()
    values = {
        **answers,
        "language": translation.get_language() or "en",
        "updated_at": now,
        "expires_at": learner.expires_at(now),
    }
    mine = ModuleFeedback.objects.filter(learner.owns(), module=module)
    for _ in range(2):
        if mine.update(**values):
            return mine.get()
        try:
            with transaction.atomic():
                return ModuleFeedback.objects.create(
                    module=module,
                    audience=module.audience,
                    created_at=now,
                    **learner.owner_fields(),
                    **values,
                )
        except IntegrityError:
            # A second tab's first answer won the race: update that row.
            continue
    raise FeedbackError({None: gettext("Please try again.")})


def feedback_answer_before(
    *, learner: Learner, module: TrainingModulePage, confidence_before: int | None
) -> ModuleFeedback:
    """The learner's confidence before the first lesson (1-5)."""
    if not learner.can_learn(module):
        raise FeedbackError(
            {None: gettext("Log in to answer questions about this module.")}
        )
    # Asked once lessons began, it would not be "before": the shift would lie.
    if LessonCompletion.objects.filter(
        learner.owns(), module=english_of(module)
    ).exists():
        raise FeedbackError(
            {
                None: gettext(
                    "This question is asked before the first lesson, and you "
                    "have already started this module."
                )
            }
        )
    return _record(
        learner=learner,
        module=module,
        answers={"confidence_before": confidence_before},
    )


def feedback_answer_after(
    *,
    learner: Learner,
    attempt: Attempt,
    usefulness: int | None,
    confidence_after: int | None,
    comment: str = "",
) -> ModuleFeedback:
    """The after-quiz survey, for the module of the learner's submitted final quiz."""
    if not (
        attempt.is_submitted
        and attempt.purpose == AttemptPurpose.FINAL
        and attempt.module_id
    ):
        raise FeedbackError(
            {None: gettext("This survey is about a module's final quiz.")}
        )
    return _record(
        learner=learner,
        module=attempt.module,
        answers={
            "usefulness": usefulness,
            "confidence_after": confidence_after,
            "comment": (comment or "").strip(),
        },
    )


def feedback_claim(*, anonymous_key: str, user) -> int:
    """Move a session's answers to the account that signed in (in the caller's
    transaction). Where the account answered about the module too, its answers
    win and the session's fill the questions it left empty."""
    if not anonymous_key:
        return 0
    rows = ModuleFeedback.objects.select_for_update().filter(
        user__isnull=True, anonymous_key=anonymous_key
    )
    own = list(
        ModuleFeedback.objects.select_for_update().filter(
            user=user, module_id__in=rows.values("module_id")
        )
    )
    session_rows = {
        row.module_id: row
        for row in rows.filter(module_id__in=[row.module_id for row in own])
    }
    for account_row in own:
        session_row = session_rows[account_row.module_id]
        for name in (*SCALED, "comment"):
            if getattr(account_row, name) in (None, ""):
                setattr(account_row, name, getattr(session_row, name))
        account_row.save(update_fields=[*SCALED, "comment"])
        session_row.delete()
    return rows.update(user=user, anonymous_key="", expires_at=None)


def feedback_unlink_expired(*, now) -> int:
    """Anonymous answers past expiry, whose session has no progress left, keep
    their answers and lose their key: nothing links them to a session."""
    return (
        ModuleFeedback.objects.filter(user__isnull=True, expires_at__lt=now)
        .exclude(anonymous_key="")
        .exclude(sessions_still_live(now=now))
        .update(anonymous_key="", expires_at=None)
    )
