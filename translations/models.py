"""A trainer's review of a translated page or quiz.

Translations are made by wagtail-localize (from the curriculum files or by a
translator). Until someone at the CAC has read one, learners see a notice that
it awaits review, with a link to the English.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TranslationReview(models.Model):
    """Reviewed: the translation of `translation_key` into `locale`, as it stood."""

    # What is translated: a page's or a quiz's translation key (shared by every
    # language of it), and the language the review is for.
    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    # The translated page's revision the reviewer read (quizzes: its revision).
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="one_review_per_translation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} in {self.locale}, {self.reviewed_at:%Y-%m-%d}"
