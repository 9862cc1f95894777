"""What each graded question came to, kept apart from the learner who answered it.

One QuestionOutcome per question of a submitted attempt and one ChoicePick per
choice ticked. They hold no personal data, so they outlive the 30-day purge of
anonymous attempts (the attempt link becomes NULL): question statistics keep the
youth quizzes' history without keeping the youth's records.
"""

from django.db import models

from quizzes.choices import AttemptPurpose, Topic


class QuestionOutcome(models.Model):
    # Indexed as every foreign key is: the purge nulls it by attempt.
    attempt = models.ForeignKey(
        "quizzes.Attempt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    # related_name="+": a quiz's outcomes are read through reports, not the quiz.
    # No index of its own: the (quiz, first_try, question_id) index starts with it.
    quiz = models.ForeignKey(
        "quizzes.Quiz", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    purpose = models.CharField(max_length=10, choices=AttemptPurpose.choices)
    # The English question's id, as in Attempt.questions: one row whatever the
    # language the learner read.
    question_id = models.PositiveIntegerField()
    # Frozen: the topic the question had when it was shown.
    topic = models.CharField(max_length=40, choices=Topic.choices)
    correct = models.BooleanField()
    # The attempt's total %, copied so ranking learners needs no join.
    attempt_score = models.DecimalField(max_digits=4, decimal_places=1)
    # The learner's first submitted attempt at this quiz and purpose.
    first_try = models.BooleanField()
    submitted_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["quiz", "first_try", "question_id"])]

    def __str__(self) -> str:
        verdict = "right" if self.correct else "wrong"
        return f"question {self.question_id} of quiz {self.quiz_id}: {verdict}"


class ChoicePick(models.Model):
    outcome = models.ForeignKey(
        QuestionOutcome, on_delete=models.CASCADE, related_name="picks"
    )
    # The English choice's id, as in Attempt.answers.
    choice_id = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"choice {self.choice_id}"
