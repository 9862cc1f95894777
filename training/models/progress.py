"""Which lessons a learner opened and finished: an account, or an anonymous session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class LessonRecord(models.Model):
    """A row about one learner and one lesson. Anonymous rows hold no personal
    data and expire; an account's are kept until it is deleted."""

    lesson = models.ForeignKey(
        "training.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    # Denormalised from the tree so a module's progress is one indexed query.
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    # A random token kept in the anonymous visitor's session; not the session key,
    # which Django rotates at login, when the rows must be found to move them.
    anonymous_key = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        abstract = True


def learner_account(related_name: str) -> models.ForeignKey:
    """The account a row belongs to; empty for an anonymous learner's rows."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name=related_name,
    )


def one_per_learner_and_lesson(noun: str) -> list[models.BaseConstraint]:
    """One row per learner and lesson, owned by an account or an expiring key."""
    return [
        models.UniqueConstraint(
            fields=["user", "lesson"],
            condition=Q(user__isnull=False),
            name=f"one_{noun}_per_user_and_lesson",
        ),
        models.UniqueConstraint(
            fields=["anonymous_key", "lesson"],
            condition=Q(user__isnull=True),
            name=f"one_{noun}_per_anonymous_key_and_lesson",
        ),
        models.CheckConstraint(
            condition=(Q(user__isnull=False) & Q(anonymous_key=""))
            | (
                Q(user__isnull=True)
                & ~Q(anonymous_key="")
                & Q(expires_at__isnull=False)
            ),
            name=f"{noun}_belongs_to_one_learner",
        ),
    ]


class LessonCompletion(LessonRecord):
    """A learner finished a lesson."""

    user = learner_account("lesson_completions")
    finished_at = models.DateTimeField(default=timezone.now)
    # Time in the lesson, measured on the server (LessonView): from opening it to
    # marking it finished, plus any later visit that ends in "finished" again.
    # NULL for lessons finished before time was counted.
    seconds_spent = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = one_per_learner_and_lesson("completion")
        indexes = [models.Index(fields=["user", "module"])]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} finished {self.finished_at:%Y-%m-%d}"


class LessonView(LessonRecord):
    """When a learner opened a lesson, for modules that set a minimum time.

    Recorded on the server when the page is served; the time to the next
    "Mark as finished" is what counts, so it cannot be sent by the browser.
    """

    user = learner_account("lesson_views")
    first_viewed_at = models.DateTimeField(default=timezone.now)
    # The open visit: set when the page is served, cleared when it is finished.
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = one_per_learner_and_lesson("view")
        # "A session's first view in the module" (trainer insights): without
        # it SQLite walks the whole module's views for every anonymous row.
        indexes = [models.Index(fields=["anonymous_key", "module"])]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} opened {self.first_viewed_at:%Y-%m-%d}"
