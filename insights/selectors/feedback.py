"""Learner feedback per module: the survey's answers, aggregated in the database.

One grouped query gives every module's figures, one more the total; comments
are one counted, paginated query. Nothing here reads a learner: rows are
counted and averaged, and comments leave with their module, day and language
only.

- usefulness and confidence are 1 (not at all) to 5 (very);
- the confidence *shift* is over learners who answered both the question
  before the first lesson and the one after the final quiz (paired).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, Q, QuerySet

from insights.selectors.reach import day_range
from training.models import ModuleFeedback

PAIRED = Q(confidence_before__isnull=False, confidence_after__isnull=False)
COMMENTS_PER_PAGE = 50


@dataclass(frozen=True)
class FeedbackFigures:
    label: str
    responses: int
    usefulness_count: int
    usefulness: Decimal | None
    before_count: int
    before: Decimal | None
    after_count: int
    after: Decimal | None
    paired: int
    paired_before: Decimal | None
    paired_after: Decimal | None
    comments: int
    module_id: int | None = None

    @property
    def shift(self) -> Decimal | None:
        """Mean confidence after minus before, over the paired learners."""
        if self.paired_before is None or self.paired_after is None:
            return None
        return Decimal(self.paired_after) - Decimal(self.paired_before)


AGGREGATES = {
    "responses": Count("pk"),
    "usefulness_count": Count("usefulness"),
    "usefulness": Avg("usefulness"),
    "before_count": Count("confidence_before"),
    "before": Avg("confidence_before"),
    "after_count": Count("confidence_after"),
    "after": Avg("confidence_after"),
    "paired": Count("pk", filter=PAIRED),
    "paired_before": Avg("confidence_before", filter=PAIRED),
    "paired_after": Avg("confidence_after", filter=PAIRED),
    "comments": Count("pk", filter=~Q(comment="")),
}


def answers_in(
    *, start: date, end: date, module=None, audience=None
) -> QuerySet[ModuleFeedback]:
    """Answers last given from `start` to `end` (whole days), for one English
    module or audience if given."""
    since, until = day_range(start, end)
    answers = ModuleFeedback.objects.filter(updated_at__gte=since, updated_at__lt=until)
    if module is not None:
        answers = answers.filter(module__translation_key=module.translation_key)
    if audience is not None:
        answers = answers.filter(audience=audience)
    return answers


def feedback_by_module(answers: QuerySet) -> list[FeedbackFigures]:
    """Each module's figures, by title: one query."""
    rows = (
        answers.values("module_id", "module__title")
        .annotate(**AGGREGATES)
        .order_by("module__title", "module_id")
    )
    return [
        FeedbackFigures(
            label=row.pop("module__title"), module_id=row.pop("module_id"), **row
        )
        for row in rows
    ]


def feedback_total(answers: QuerySet) -> FeedbackFigures:
    """Every module together: one query."""
    return FeedbackFigures(label="All modules", **answers.aggregate(**AGGREGATES))


def comments_page(answers: QuerySet, *, module_ids, page: int | str = 1) -> Page:
    """Comments of the given modules, by module then newest first; each one's
    module title, day (the page shows only its month) and language, never who
    wrote it. Two queries (count, page).
    """
    comments = (
        answers.filter(module_id__in=module_ids)
        .exclude(comment="")
        .order_by("module__title", "module_id", "-updated_at", "-pk")
        .values("module__title", "updated_at__date", "language", "comment")
    )
    return Paginator(comments, COMMENTS_PER_PAGE).get_page(page)
