"""Reads of learner progress, shaped for pages. Each costs a fixed number of queries."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Max, Q
from django.utils.translation import gettext
from wagtail.models import Page

from audiences.page_tree import exclude_unpublished_branches
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.canonical import in_active_language
from training.learners import Learner
from training.models import LessonCompletion, LessonPage, TrainingModulePage


@dataclass(frozen=True)
class ModuleProgress:
    lesson_ids: tuple[int, ...]  # live lessons, in order
    finished_lesson_ids: frozenset[int] = field(default_factory=frozenset)
    has_quiz: bool = False
    # When the learner last passed the module's current final quiz (None: never).
    passed_at: datetime | None = None
    # Time in the finished lessons, measured on the server; lessons finished
    # before time was counted are `untimed` and count as their share.
    timed_seconds: int = 0
    untimed_finished: int = 0

    @property
    def quiz_passed(self) -> bool:
        return self.passed_at is not None

    @property
    def lesson_count(self) -> int:
        return len(self.lesson_ids)

    @property
    def finished_count(self) -> int:
        return len(self.finished_lesson_ids & set(self.lesson_ids))

    @property
    def percent(self) -> int:
        return (
            round(100 * self.finished_count / self.lesson_count)
            if self.lesson_count
            else 0
        )

    @property
    def started(self) -> bool:
        return self.finished_count > 0

    @property
    def lessons_done(self) -> bool:
        return bool(self.lesson_ids) and self.finished_count == self.lesson_count

    @property
    def complete(self) -> bool:
        """Every lesson finished and, where the module has one, its quiz passed."""
        return self.complete_since(None)

    def complete_since(self, since: datetime | None) -> bool:
        """Complete, with the quiz (if any) passed at or after `since`.

        The one rule for "a module is complete"; a renewed certificate needs a
        pass after the old one expired, which `since` expresses.
        """
        if not self.lessons_done:
            return False
        if not self.has_quiz:
            return True
        return self.passed_at is not None and (since is None or self.passed_at >= since)

    @property
    def state(self) -> str:
        """'start', 'continue', 'quiz' or 'review': the module's main button."""
        if self.complete:
            return "review"
        if self.lessons_done:
            return "quiz"
        return "continue" if self.started else "start"

    def minutes_short(self, min_minutes: int) -> int:
        """Minutes still to spend in the lessons before the quiz opens (0: none)."""
        if not min_minutes or not self.lesson_count:
            return 0
        required = min_minutes * 60
        credited = self.timed_seconds + self.untimed_finished * (
            required / self.lesson_count
        )
        return max(math.ceil((required - credited) / 60), 0)

    @property
    def next_lesson_id(self) -> int | None:
        """The first unfinished lesson; the first lesson once all are done."""
        for lesson_id in self.lesson_ids:
            if lesson_id not in self.finished_lesson_ids:
                return lesson_id
        return self.lesson_ids[0] if self.lesson_ids else None


# Learner records hold the English lesson, module and quiz; a translation shares
# their translation_key, so reads key on it and any language shows the same
# progress (see training/canonical.py).


def _finished_by_module(learner: Learner, modules) -> dict:
    """{module key: {finished lesson key: seconds spent (None: not timed)}}."""
    finished = defaultdict(dict)
    keys = [module.translation_key for module in modules]
    if not learner.has_records or not keys:
        return finished
    rows = LessonCompletion.objects.filter(
        learner.owns(), module__translation_key__in=keys
    ).values_list("module__translation_key", "lesson__translation_key", "seconds_spent")
    for module_key, lesson_key, seconds in rows:
        finished[module_key][lesson_key] = seconds
    return finished


def _progress(module, *, lessons, finished: dict, passed_at) -> ModuleProgress:
    """`lessons`: (pk, translation key) of the lessons shown, in order."""
    # Time counts only in lessons that are still live parts of the module.
    seconds = [finished[key] for _, key in lessons if key in finished]
    return ModuleProgress(
        lesson_ids=tuple(pk for pk, _ in lessons),
        finished_lesson_ids=frozenset(pk for pk, key in lessons if key in finished),
        has_quiz=bool(module.quiz_id),
        passed_at=passed_at,
        timed_seconds=sum(s for s in seconds if s is not None),
        untimed_finished=sum(s is None for s in seconds),
    )


def _last_pass_by_module(learner: Learner, modules) -> dict:
    """{module key: when the learner last passed its current final quiz}."""
    keys = [module.translation_key for module in modules if module.quiz_id]
    if not learner.has_records or not keys:
        return {}
    passes = (
        Attempt.objects.filter(
            learner.owns(),
            purpose=AttemptPurpose.FINAL,
            passed=True,
            submitted_at__isnull=False,
            module__translation_key__in=keys,
            # The module's current quiz: the English module's, as attempts hold.
            quiz_id=F("module__quiz_id"),
        )
        .values("module__translation_key")
        .annotate(last=Max("submitted_at"))
    )
    return {row["module__translation_key"]: row["last"] for row in passes}


def module_progress(
    *, learner: Learner, module, lessons, with_quiz: bool = True
) -> ModuleProgress:
    """One module's progress; a lesson page skips the quiz (it does not show it)."""
    passed = _last_pass_by_module(learner, [module]) if with_quiz else {}
    return _progress(
        module,
        lessons=[(lesson.pk, lesson.translation_key) for lesson in lessons],
        finished=_finished_by_module(learner, [module])[module.translation_key],
        passed_at=passed.get(module.translation_key),
    )


def _live_lessons_by_module(modules) -> dict[int, list[tuple]]:
    """All live lessons of many modules in one query, grouped by module, in order:
    {module pk: [(lesson pk, lesson translation key)]}."""
    module_by_path = {module.path: module.pk for module in modules}
    if not module_by_path:
        return {}
    under_any = Q()
    for path in module_by_path:
        under_any |= Q(path__startswith=path)
    lessons = (
        Page.objects.live()
        .type(LessonPage)
        .filter(under_any, depth__in={module.depth + 1 for module in modules})
        .order_by("path")
        .values_list("path", "pk", "translation_key")
    )
    by_module = defaultdict(list)
    for path, pk, key in lessons:
        by_module[module_by_path[path[: -Page.steplen]]].append((pk, key))
    return by_module


def modules_with_progress(*, learner: Learner, modules) -> list[tuple]:
    """(module, ModuleProgress) pairs for a list of modules, in four queries."""
    modules = list(modules)
    lessons = _live_lessons_by_module(modules)
    finished = _finished_by_module(learner, modules)
    passed = _last_pass_by_module(learner, modules)
    return [
        (
            module,
            _progress(
                module,
                lessons=lessons.get(module.pk, ()),
                finished=finished.get(module.translation_key, {}),
                passed_at=passed.get(module.translation_key),
            ),
        )
        for module in modules
    ]


def audience_modules(*, audience_page, learner: Learner) -> list[tuple]:
    modules = TrainingModulePage.objects.child_of(audience_page).live().public()
    return modules_with_progress(learner=learner, modules=modules.order_by("path"))


def learner_modules(*, learner: Learner) -> list[tuple]:
    """Modules the learner has finished a lesson of, in tree order, each in the
    active language where it is translated."""
    module_ids = LessonCompletion.objects.filter(learner.owns()).values("module_id")
    modules = exclude_unpublished_branches(
        TrainingModulePage.objects.live().filter(pk__in=module_ids)
    )
    modules = in_active_language(modules.order_by("path"))
    return modules_with_progress(learner=learner, modules=modules)


def final_quiz_closed_reason(*, module, progress: ModuleProgress) -> str:
    """Why the module's final quiz does not open yet; "" when it does.

    A certificate should mean the lessons were read: the quiz waits for every
    lesson, and for the module's minimum time in them (measured on the server).
    """
    if not progress.lessons_done:
        return gettext("The quiz opens when you have finished every lesson.")
    short = progress.minutes_short(module.min_lesson_minutes)
    if short:
        return gettext(
            "The final quiz opens after at least %(minimum)d minutes with the "
            "lessons: about %(short)d more to go. Go back over any lesson and mark "
            "it finished again; the time counts."
        ) % {"minimum": module.min_lesson_minutes, "short": short}
    return ""
