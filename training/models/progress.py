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
    # Time in the lesson, measured on the server (LessonView): from opening it to
    # marking it finished, plus any later visit that ends in "finished" again.
    # NULL for lessons finished before time was counted.
    seconds_spent = models.PositiveIntegerField(null=True, blank=True)
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


class LessonView(models.Model):
    """When a learner opened a lesson, for modules that set a minimum time.

    Recorded on the server when the page is served; the time to the next
    "Mark as finished" is what counts, so it cannot be sent by the browser.
    """

    lesson = models.ForeignKey(
        "training.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lesson_views",
    )
    anonymous_key = models.CharField(max_length=64, blank=True, db_index=True)
    first_viewed_at = models.DateTimeField(default=timezone.now)
    # The open visit: set when the page is served, cleared when it is finished.
    opened_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"],
                condition=Q(user__isnull=False),
                name="one_view_per_user_and_lesson",
            ),
            models.UniqueConstraint(
                fields=["anonymous_key", "lesson"],
                condition=Q(user__isnull=True),
                name="one_view_per_anonymous_key_and_lesson",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(anonymous_key=""))
                | (
                    Q(user__isnull=True)
                    & ~Q(anonymous_key="")
                    & Q(expires_at__isnull=False)
                ),
                name="view_belongs_to_one_learner",
            ),
        ]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} opened {self.first_viewed_at:%Y-%m-%d}"
