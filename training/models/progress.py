"""Which lessons a learner has finished: an account, or an anonymous session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class LessonCompletion(models.Model):
    """A learner finished a lesson. Anonymous rows hold no personal data and expire."""

    lesson = models.ForeignKey(
        "training.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    # Denormalised from the tree so a module's progress is one indexed query.
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    # A random token kept in the anonymous visitor's session; not the session key,
    # which Django rotates at login, when the rows must be found to move them.
    anonymous_key = models.CharField(max_length=64, blank=True, db_index=True)
    finished_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"],
                condition=Q(user__isnull=False),
                name="one_completion_per_user_and_lesson",
            ),
            models.UniqueConstraint(
                fields=["anonymous_key", "lesson"],
                condition=Q(user__isnull=True),
                name="one_completion_per_anonymous_key_and_lesson",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(anonymous_key=""))
                | (
                    Q(user__isnull=True)
                    & ~Q(anonymous_key="")
                    & Q(expires_at__isnull=False)
                ),
                name="completion_belongs_to_one_learner",
            ),
        ]
        indexes = [models.Index(fields=["user", "module"])]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} finished {self.finished_at:%Y-%m-%d}"
