"""Class codes: a teacher's group of youth learning a module without accounts."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class YouthClass(models.Model):
    """A classroom working through a youth module; the teacher sees aggregates only."""

    name = models.CharField(max_length=100, help_text="e.g. “Health, period 3”")
    # The English module: anonymous progress is kept on it.
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    # Short, unambiguous, upper case (e.g. K7QF-2M): typed by youth from a board.
    code = models.CharField(max_length=12, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="classes",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closes_on = models.DateField(help_text="After this day the code no longer works.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "youth classes"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ClassLearner(models.Model):
    """An anonymous learner who entered a class code: the random key their
    progress is kept under, and nothing else. Expires with that progress."""

    youth_class = models.ForeignKey(
        YouthClass, on_delete=models.CASCADE, related_name="learners"
    )
    anonymous_key = models.CharField(max_length=64)
    joined_at = models.DateField(default=timezone.localdate)  # a day, not a time
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["youth_class", "anonymous_key"],
                name="one_class_learner_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"a learner in class {self.youth_class_id}"
