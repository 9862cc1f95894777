"""One try at a quiz, with the questions frozen as they were shown."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from quizzes.choices import AttemptPurpose


class Attempt(models.Model):
    # The id learners see in URLs: a UUID, so ids cannot be walked.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(
        "quizzes.Quiz", on_delete=models.PROTECT, related_name="attempts"
    )
    module = models.ForeignKey(
        "training.TrainingModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.CharField(
        max_length=10, choices=AttemptPurpose.choices, default=AttemptPurpose.FINAL
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    anonymous_key = models.CharField(max_length=64, blank=True, db_index=True)
    # [{"id", "kind", "topic", "case_text", "prompt", "explanation",
    #   "choices": [{"id", "text", "feedback", "correct"}]}] in the order shown.
    # The answer key lives here, server-side; templates get questions_for_display().
    # The language the questions were frozen in; the ids are always the English
    # questions' and choices', so a result means the same in every language.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    questions = models.JSONField()
    answers = models.JSONField(
        default=dict, blank=True
    )  # {"<question id>": [choice ids]}
    pass_mark = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "purpose"],
                condition=Q(submitted_at__isnull=True, user__isnull=False),
                name="one_open_attempt_per_user_and_quiz",
            ),
            models.UniqueConstraint(
                fields=["anonymous_key", "quiz", "purpose"],
                condition=Q(submitted_at__isnull=True, user__isnull=True),
                name="one_open_attempt_per_anonymous_key_and_quiz",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(anonymous_key=""))
                | (Q(user__isnull=True) & ~Q(anonymous_key="")),
                name="attempt_belongs_to_one_learner",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "quiz", "passed"]),
            # A session's first attempt at a module or quiz (trainer insights):
            # without them SQLite walks every attempt of the module per row.
            models.Index(fields=["anonymous_key", "module"]),
            models.Index(fields=["anonymous_key", "quiz"]),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} attempt {self.public_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @staticmethod
    def takes_several_answers(question: dict) -> bool:
        """Checkboxes, not radios: a multiple-select question, or a scenario with
        more than one right choice."""
        return question["kind"] == "multiple" or (
            sum(choice["correct"] for choice in question["choices"]) > 1
        )

    def questions_for_display(self) -> list[dict]:
        """The frozen questions without the answer key or feedback: safe to render."""
        return [
            {
                "id": q["id"],
                "kind": q["kind"],
                "case_text": q["case_text"],
                "prompt": q["prompt"],
                "multiple": self.takes_several_answers(q),
                "choices": [{"id": c["id"], "text": c["text"]} for c in q["choices"]],
            }
            for q in self.questions
        ]
