"""The question bank: a Quiz snippet with inline questions and nested choices."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from quizzes.admin_forms import QuizAdminForm
from quizzes.choices import QuestionKind, ReviewPolicy, Topic

MULTIPLE_SELECT_RULE = (
    "Questions that ask you to choose all that apply score all-or-nothing: "
    "every right answer and no wrong one."
)


class Quiz(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """A final quiz or pre-test. Translations share the English questions' ids in
    every attempt (questions and choices are translatable rows too)."""

    title = models.CharField(max_length=200)
    instructions = models.TextField(
        blank=True,
        help_text=f"Shown before the questions. Say: “{MULTIPLE_SELECT_RULE}”",
    )
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="0 means unlimited."
    )
    shuffle = models.BooleanField("shuffle questions and choices", default=False)
    draw_count = models.PositiveSmallIntegerField(
        "questions to draw",
        default=0,
        help_text="Draw this many questions at random from the pool; 0 means all.",
    )
    review_policy = models.CharField(
        "show correct answers and explanations",
        max_length=20,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.AFTER_EACH,
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    # Retaking at once, again and again, turns a test into guessing.
    cooldown_after_failures = models.PositiveSmallIntegerField(
        "failed attempts before a wait",
        default=3,
        help_text="After this many failed attempts in a row, the learner waits "
        "before trying again. 0: never wait.",
    )
    cooldown_hours = models.PositiveSmallIntegerField(
        "hours to wait",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="quiz",
        for_concrete_model=False,
    )

    base_form_class = QuizAdminForm
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel(
                    [FieldPanel("draw_count"), FieldPanel("time_limit_minutes")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("cooldown_after_failures"),
                        FieldPanel("cooldown_hours"),
                    ]
                ),
                FieldPanel("shuffle"),
                FieldPanel("review_policy"),
            ],
            heading="Rules",
        ),
        InlinePanel("questions", heading="Questions", label="Question"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name_plural = "quizzes"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Question(TranslatableMixin, ClusterableModel, Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    topic = models.CharField(max_length=40, choices=Topic.choices)
    case_text = models.TextField(
        "case", blank=True, help_text="Scenario questions only: the short case."
    )
    prompt = models.TextField()
    # Optional, as Moodle's general feedback is: an imported bank may lack it.
    explanation = models.TextField(
        blank=True,
        help_text=(
            "Shown after grading, as the quiz allows; add one so learners learn "
            "from their mistakes."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
        FieldPanel("case_text"),
        FieldPanel("prompt"),
        FieldPanel("explanation"),
        InlinePanel("choices", heading="Choices", label="Choice", min_num=2),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.prompt[:80]


class Choice(TranslatableMixin, Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField("correct", default=False)
    feedback = models.TextField(
        blank=True, help_text="Shown for this choice after grading."
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.text
