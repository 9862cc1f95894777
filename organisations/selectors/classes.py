"""What a teacher or trainer sees of a youth class: figures, never people.

A figure that counts fewer than MIN_LEARNERS learners is hidden, and so is an
average over fewer: in a classroom, "1 passed" says who. The hidden value never
leaves this module, so no template can show it by mistake.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from wagtail.models import Page

from audiences.models import AudiencePage
from organisations.models import ClassLearner, YouthClass
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.canonical import english_locale_id
from training.models import LessonCompletion, LessonPage, TrainingModulePage

MIN_LEARNERS = 5


@dataclass(frozen=True)
class Figure:
    """A count or an average; `value` is None when too few learners are in it."""

    value: int | Decimal | None

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class ClassFigures:
    joined: Figure
    started: Figure  # finished at least one lesson of the module
    finished: Figure  # finished every lesson
    passed: Figure  # passed the final quiz
    pretest_average: Figure  # first pre-test score of each learner, in percent
    final_average: Figure  # first final-quiz score of each learner, in percent


def _count(value: int) -> Figure:
    return Figure(value if value >= MIN_LEARNERS else None)


def _average(value, *, over: int) -> Figure:
    if over < MIN_LEARNERS or value is None:
        return Figure(None)
    return Figure(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _first_score(*, module, purpose: str, quiz_id):
    """The score of the learner's first submitted attempt of `purpose`."""
    return Subquery(
        Attempt.objects.filter(
            user__isnull=True,
            anonymous_key=OuterRef("anonymous_key"),
            module=module,
            quiz_id=quiz_id,
            purpose=purpose,
            submitted_at__isnull=False,
            score__isnull=False,
        )
        .order_by("submitted_at", "pk")
        .values("score")[:1]
    )


def class_figures(*, youth_class: YouthClass) -> ClassFigures:
    """The class's figures, counted in the database in two queries."""
    module = youth_class.module
    lessons = LessonPage.objects.live().child_of(module)
    lesson_count = lessons.count()
    finished_lessons = (
        LessonCompletion.objects.filter(
            user__isnull=True,
            anonymous_key=OuterRef("anonymous_key"),
            module=module,
            lesson__in=lessons.values("pk"),
        )
        .values("anonymous_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    passed = Attempt.objects.filter(
        user__isnull=True,
        anonymous_key=OuterRef("anonymous_key"),
        module=module,
        quiz_id=module.quiz_id,
        purpose=AttemptPurpose.FINAL,
        passed=True,
        submitted_at__isnull=False,
    )
    rows = (
        ClassLearner.objects.filter(youth_class=youth_class)
        .annotate(
            done=Coalesce(
                Subquery(finished_lessons, output_field=IntegerField()), Value(0)
            ),
            has_passed=Exists(passed),
            pretest=_first_score(
                module=module,
                purpose=AttemptPurpose.PRETEST,
                quiz_id=module.pretest_id,
            ),
            final=_first_score(
                module=module, purpose=AttemptPurpose.FINAL, quiz_id=module.quiz_id
            ),
        )
        .aggregate(
            joined=Count("pk"),
            started=Count("pk", filter=Q(done__gt=0)),
            finished=Count("pk", filter=Q(done__gte=max(lesson_count, 1))),
            passed=Count("pk", filter=Q(has_passed=True)),
            pretest_n=Count("pretest"),
            pretest_avg=Avg("pretest"),
            final_n=Count("final"),
            final_avg=Avg("final"),
        )
    )
    return ClassFigures(
        joined=_count(rows["joined"]),
        started=_count(rows["started"]),
        finished=_count(rows["finished"]),
        passed=_count(rows["passed"]),
        pretest_average=_average(rows["pretest_avg"], over=rows["pretest_n"]),
        final_average=_average(rows["final_avg"], over=rows["final_n"]),
    )


def youth_modules():
    """English, live modules of an audience for minors: what a class can learn."""
    youth_pages = AudiencePage.objects.filter(
        audience__for_minors=True, locale_id=english_locale_id()
    ).values_list("path", flat=True)
    under_any = Q(pk__in=[])
    for path in youth_pages:
        under_any |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
    return (
        TrainingModulePage.objects.live()
        .filter(under_any, locale_id=english_locale_id())
        .order_by("path")
    )


def is_youth_module(module) -> bool:
    return youth_modules().filter(pk=module.pk).exists()


def classes_of(*, organisation):
    """An organisation's classes, newest first, with their modules."""
    return YouthClass.objects.filter(organisation=organisation).select_related("module")
