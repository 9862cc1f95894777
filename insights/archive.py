"""Before anonymous records are purged, keep what the reports need of them.

Anonymous youth records are deleted 30 days after the session's last step
(training/progress.py). Reach and knowledge gain over a year would lose them,
so the purge first adds them to counts and score pairs that name no session:
AnonymousActivity (starts and completions by day) and ArchivedGain.

A session is purged whole, once every record of it has expired
(training/progress.py expired_anonymous_rows), and archived in the same
transaction from the same selection: "first" is judged as the reports judge
it, and nothing of a session is left to be counted again.
"""

from collections import defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from insights.models import AnonymousActivity, ArchivedGain, ArchivedTopicGain
from insights.selectors.knowledge_gain import paired_attempts
from insights.selectors.reach import module_completions, module_starts
from quizzes.models import Attempt
from quizzes.models.outcomes import QuestionOutcome
from training.models import LessonView
from training.progress import expired_anonymous_rows

EVER = (None, None)


def _expiring(model, now):
    return expired_anonymous_rows(model, now=now)


def _add_counts(rows, *, field: str) -> int:
    """rows: (day, module id, language, count); added to AnonymousActivity."""
    for day, module_id, language, count in rows:
        activity, _ = AnonymousActivity.objects.get_or_create(
            day=day, module_id=module_id, language=language
        )
        AnonymousActivity.objects.filter(pk=activity.pk).update(
            **{field: F(field) + count}
        )
    return len(rows)


def archive_counts(*, now) -> int:
    starts = (
        module_starts(*EVER)
        .filter(pk__in=_expiring(LessonView, now).values("pk"))
        .annotate(day=TruncDate("first_viewed_at"))
        .values_list("day", "module_id")
        .annotate(count=Count("pk"))
    )
    completions = (
        module_completions(*EVER)
        .filter(pk__in=_expiring(Attempt, now).values("pk"))
        .annotate(day=TruncDate("submitted_at"))
        .values_list("day", "module_id", "language")
        .annotate(count=Count("pk"))
    )
    return _add_counts(
        [(day, module, "", count) for day, module, count in starts], field="starts"
    ) + _add_counts(list(completions), field="completions")


def _topic_counts(attempt_ids) -> dict:
    """{attempt id: {topic: (right, answered)}}."""
    counts = defaultdict(dict)
    rows = (
        QuestionOutcome.objects.filter(attempt_id__in=attempt_ids)
        .values_list("attempt_id", "topic")
        .annotate(right=Count("pk", filter=Q(correct=True)), total=Count("pk"))
    )
    for attempt_id, topic, right, total in rows:
        counts[attempt_id][topic] = (right, total)
    return counts


def archive_gains(*, now) -> int:
    pretests, finals = paired_attempts(since=None, until=None, modules=None)
    expiring = _expiring(Attempt, now).values("pk")
    pre_of_final = pretests.filter(
        user__isnull=True,
        anonymous_key=OuterRef("anonymous_key"),
        module_id=OuterRef("module_id"),
        submitted_at__lt=OuterRef("submitted_at"),
    ).values("pk")[:1]
    pairs = list(
        finals.annotate(pre_id=Subquery(pre_of_final))
        .filter(pk__in=expiring, pre_id__isnull=False)
        .values_list("pk", "pre_id", "module_id", "submitted_at", "score")
    )
    if not pairs:
        return 0
    pre_scores = dict(
        Attempt.objects.filter(pk__in=[pair[1] for pair in pairs]).values_list(
            "pk", "score"
        )
    )
    topics = _topic_counts([pk for pair in pairs for pk in pair[:2]])
    for final_id, pre_id, module_id, submitted_at, score in pairs:
        gain = ArchivedGain.objects.create(
            module_id=module_id,
            final_submitted_at=submitted_at,
            pre_score=pre_scores[pre_id],
            post_score=score,
        )
        before, after = topics.get(pre_id, {}), topics.get(final_id, {})
        ArchivedTopicGain.objects.bulk_create(
            ArchivedTopicGain(
                gain=gain,
                topic=topic,
                pre_right=before[topic][0],
                pre_total=before[topic][1],
                post_right=after[topic][0],
                post_total=after[topic][1],
            )
            for topic in sorted(before.keys() & after.keys())
        )
    return len(pairs)


def archive_expiring_anonymous_records(*, now) -> int:
    """Counts and pairs of the anonymous records about to be purged; returns
    the archive rows written (a registered purge: training/purges.py)."""
    return archive_counts(now=now) + archive_gains(now=now)
