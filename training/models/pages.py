"""What a learner works through: modules made of lessons, ordered by the page tree."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from quizzes.selectors import retry_after
from training.blocks import LessonBodyBlock, SourceBlock
from training.learners import recording_learner
from training.responses import ask_to_log_in


class TrainingModulePage(Page):
    """A course for one audience: objectives, lessons and (later) a final quiz."""

    summary = models.TextField(help_text="One or two sentences shown in module lists.")
    objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=250, icon="tick"))],
        blank=True,
        help_text="What the learner will be able to do afterwards.",
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    ce_hours = models.DecimalField(
        "CE hours",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("40"))],
    )
    content_note = models.TextField(
        blank=True,
        help_text="Shown before the first lesson, e.g. 'This module talks about "
        "sexual abuse; you can pause at any time.'",
    )
    min_lesson_minutes = models.PositiveSmallIntegerField(
        "minimum minutes in the lessons",
        default=0,
        validators=[MaxValueValidator(600)],
        help_text="The final quiz opens only after this much time in the lessons, "
        "measured on the server from opening each lesson to marking it finished. "
        "0: no minimum. A certificate worth showing an employer should need reading.",
    )
    issues_certificate = models.BooleanField(default=False)
    valid_for_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How long a certificate stays valid. Empty: it does not expire.",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The final assessment. Without one, finishing every lesson completes "
        "the module.",
    )
    pretest = models.ForeignKey(
        "quizzes.Quiz",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional, ungraded for completion: shows the CAC what learners "
        "knew before the module.",
    )
    sources = StreamField([("source", SourceBlock())], blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("content_note"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("min_lesson_minutes"),
                FieldPanel("ce_hours"),
                FieldPanel("issues_certificate"),
                FieldPanel("valid_for_months"),
            ],
            heading="Completion",
        ),
        MultiFieldPanel([FieldPanel("quiz"), FieldPanel("pretest")], heading="Quizzes"),
        FieldPanel("sources"),
    ]
    parent_page_types = ["audiences.AudiencePage"]
    subpage_types = ["training.LessonPage"]

    class Meta:
        verbose_name = _("training module")

    @cached_property
    def audience(self):
        # Deferred, the one import that must be: audiences.models imports the
        # training selectors, which import these models.
        from audiences.models import AudiencePage

        return (
            AudiencePage.objects.parent_of(self)
            .select_related("audience")
            .get()
            .audience
        )

    def clean(self):
        super().clean()
        if self.min_lesson_minutes > self.estimated_minutes:
            raise ValidationError(
                {
                    "min_lesson_minutes": "The minimum cannot be longer than the "
                    "estimated time of the module."
                }
            )
        if self.pretest_id and self.pretest_id == self.quiz_id:
            # Pre-test attempts would show the final quiz's answers before it.
            raise ValidationError(
                {"pretest": "Choose a different quiz for the pre-test than the final."}
            )

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        # Deferred: the selectors and certificates read these models.
        from training.certificates.selectors import claim_state
        from training.selectors import final_quiz_closed_reason, module_progress

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        learner = request.learner
        progress = module_progress(learner=learner, module=self, lessons=lessons)
        latest_attempt = self.latest_attempt(learner)
        context.update(
            lessons=lessons,
            progress=progress,
            next_lesson=next(
                (lesson for lesson in lessons if lesson.pk == progress.next_lesson_id),
                None,
            ),
            needs_account=not learner.can_learn(self),
            latest_attempt=latest_attempt,
            retry_after=retry_after(learner=learner, quiz=self.quiz)
            if latest_attempt and latest_attempt.passed is False
            else None,
            quiz_closed_reason=final_quiz_closed_reason(module=self, progress=progress),
            claim=claim_state(learner=learner, module=self, progress=progress),
        )
        return context

    def latest_attempt(self, learner):
        """The learner's most recent final-quiz attempt here, open or submitted."""
        if not (self.quiz_id and learner.has_records):
            return None
        return (
            Attempt.objects.filter(
                learner.owns(), quiz_id=self.quiz_id, purpose=AttemptPurpose.FINAL
            )
            .order_by("-started_at")
            .first()
        )


class LessonPage(Page):
    """One step of a module; its place among its siblings is its order."""

    body = StreamField(LessonBodyBlock())

    search_fields = Page.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["training.TrainingModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def _outline(self) -> tuple:
        """(module, its live lessons), read from the cache once per request."""
        from training.outline import lesson_outline  # deferred: it reads these models

        return lesson_outline(self)

    @cached_property
    def module(self) -> TrainingModulePage:
        return self._outline[0]

    def get_context(self, request, *args, **kwargs):
        from training.selectors import module_progress

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self._outline[1])
        if self not in lessons:  # a draft lesson seen in the admin's preview
            lessons.append(self)
        progress = module_progress(
            learner=request.learner,
            module=self.module,
            lessons=lessons,
            with_quiz=False,
        )
        position = next(i for i, lesson in enumerate(lessons) if lesson.pk == self.pk)
        context.update(
            module=self.module,
            progress=progress,
            lesson_number=position + 1,
            lesson_count=len(lessons),
            previous_lesson=lessons[position - 1] if position > 0 else None,
            next_lesson=lessons[position + 1] if position + 1 < len(lessons) else None,
            is_finished=self.pk in progress.finished_lesson_ids,
        )
        return context

    def serve(self, request, *args, **kwargs):
        # Deferred: the progress services write the models defined here.
        from training.progress import lesson_view_record

        module = self.module
        if not request.learner.can_learn(module):
            return ask_to_log_in(request, next_url=self.url)
        if request.method == "POST":
            return self.serve_finish(request)
        if module.min_lesson_minutes:
            # The module counts time in its lessons: this visit starts now.
            lesson_view_record(
                learner=recording_learner(request), lesson=self, module=module
            )
        return super().serve(request, *args, **kwargs)

    def serve_finish(self, request):
        """ "Mark as finished and continue": record, then open the next lesson."""
        # Deferred: the progress services write the models defined here.
        from training.progress import lesson_finish
        from training.selectors import module_progress

        module = self.module
        learner = recording_learner(request)
        lesson_finish(learner=learner, lesson=self, module=module)
        lessons = list(module.lessons())
        progress = module_progress(
            learner=learner, module=module, lessons=lessons, with_quiz=False
        )
        if not progress.lessons_done:
            by_id = {lesson.pk: lesson for lesson in lessons}
            return redirect(by_id[progress.next_lesson_id].url)
        if module.quiz_id:
            text = gettext(
                "You have finished every lesson of %(title)s. The final quiz is next."
            ) % {"title": module.title}
        else:
            text = gettext(
                "Well done: you have finished every lesson of %(title)s."
            ) % {"title": module.title}
        messages.success(request, text)
        return redirect(module.url)
