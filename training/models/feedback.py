"""What a learner thought of a module: an optional three-question survey.

One row per learner and English module: the confidence question before the
first lesson, then usefulness, confidence and a comment after the final quiz.
An anonymous session's row loses its key at the 30-day purge, keeping the
answers for the trainers' aggregates with nothing that links them to anyone.
"""

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone

from training.models.progress import learner_account

SCALE = (1, 5)
COMMENT_MAX_LENGTH = 1000


def scale_field() -> models.PositiveSmallIntegerField:
    """An answer from 1 (not at all) to 5 (very); empty: not answered."""
    return models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])],
    )


class ModuleFeedback(models.Model):
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    # Copied from the module when answered (as a certificate copies it), so a
    # report filters by audience without walking the page tree.
    audience = models.ForeignKey(
        "audiences.Audience", on_delete=models.PROTECT, related_name="+"
    )
    user = learner_account("module_feedback")
    # The anonymous session's random key (training/learners.py); emptied at the
    # purge, when the row no longer belongs to any learner.
    anonymous_key = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    confidence_before = scale_field()
    usefulness = scale_field()
    confidence_after = scale_field()
    comment = models.TextField(
        blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )
    # The language of the last answer, for reading comments in their language.
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "module feedback"
        verbose_name_plural = "module feedback"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=Q(user__isnull=False),
                name="one_feedback_per_user_and_module",
            ),
            models.UniqueConstraint(
                fields=["anonymous_key", "module"],
                condition=Q(user__isnull=True) & ~Q(anonymous_key=""),
                name="one_feedback_per_anonymous_key_and_module",
            ),
            # An account's row, an anonymous session's (which expires), or,
            # after the purge, nobody's.
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(anonymous_key=""))
                | (Q(user__isnull=True) & Q(anonymous_key=""))
                | (
                    Q(user__isnull=True)
                    & ~Q(anonymous_key="")
                    & Q(expires_at__isnull=False)
                ),
                name="feedback_belongs_to_at_most_one_learner",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": SCALE[0], f"{name}__lte": SCALE[1]}),
                    name=f"feedback_{name}_on_the_scale",
                )
                for name in ("confidence_before", "usefulness", "confidence_after")
            ],
        ]
        indexes = [models.Index(fields=["module", "updated_at"])]

    def __str__(self) -> str:
        return f"feedback on module {self.module_id} {self.updated_at:%Y-%m-%d}"

    @property
    def answered_after(self) -> bool:
        """The after-quiz survey was answered (any of its three questions)."""
        return (
            self.usefulness is not None
            or self.confidence_after is not None
            or bool(self.comment)
        )
