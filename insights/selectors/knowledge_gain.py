"""Knowledge gain: what learners knew before a module against after it.

Paired only: a learner counts when they took the module's pre-test and then its
final quiz, and each side is their first attempt (later tries at the final quiz
measure retaking, not the lessons). Means are over the same learners on both
sides, so the mean gain is the mean of their gains.

Normalised gain is Hake's class-average gain, (post - pre) / (100 - pre) on the
means: the share of what there was left to learn that was learned. It is not
defined when the pre-test mean is 100.

Per topic, the figures are the share of answers right on that topic's
questions, pooled over the paired learners' attempts.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Case, Count, Exists, FloatField, OuterRef, Value, When

from insights.selectors.reach import same_learner
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from quizzes.models.outcomes import QuestionOutcome
from training.models import TrainingModulePage

ALL_TOPICS = ""


@dataclass(frozen=True)
class Gain:
    learners: int
    pre: float | None
    post: float | None

    @property
    def mean_gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre

    @property
    def normalised_gain(self) -> float | None:
        """(post - pre) / (100 - pre); None when nobody had anything left to learn."""
        if self.mean_gain is None or self.pre >= 100:
            return None
        return self.mean_gain / (100 - self.pre)


@dataclass
class ModuleGain:
    module_id: int
    title: str
    overall: Gain
    by_topic: dict[str, Gain] = field(default_factory=dict)


def first_attempts(purpose: str):
    """Each learner's first submitted attempt of this purpose, per module."""
    earlier = Attempt.objects.filter(
        same_learner(),
        module_id=OuterRef("module_id"),
        purpose=purpose,
        submitted_at__isnull=False,
        submitted_at__lt=OuterRef("submitted_at"),
    )
    return Attempt.objects.filter(
        purpose=purpose, module__isnull=False, submitted_at__isnull=False
    ).exclude(Exists(earlier))


def paired_attempts(*, since: datetime, until: datetime, modules) -> tuple:
    """(first pre-tests, first finals) of learners with both, pre-test first,
    whose final fell in [since, until)."""
    finals = first_attempts(AttemptPurpose.FINAL).filter(module__in=modules)
    pretests = first_attempts(AttemptPurpose.PRETEST).filter(module__in=modules)
    paired_finals = finals.filter(
        Exists(
            pretests.filter(
                same_learner(),
                module_id=OuterRef("module_id"),
                submitted_at__lt=OuterRef("submitted_at"),
            )
        ),
        submitted_at__gte=since,
        submitted_at__lt=until,
    )
    paired_pretests = pretests.filter(
        Exists(
            paired_finals.filter(
                same_learner(),
                module_id=OuterRef("module_id"),
                submitted_at__gt=OuterRef("submitted_at"),
            )
        )
    )
    return paired_pretests, paired_finals


def _mean_scores(attempts) -> dict[int, tuple[int, float]]:
    rows = attempts.values("module_id").annotate(n=Count("pk"), mean=Avg("score"))
    return {row["module_id"]: (row["n"], float(row["mean"])) for row in rows}


SHARE_RIGHT = Avg(
    Case(When(correct=True, then=Value(100.0)), default=Value(0.0)),
    output_field=FloatField(),
)


def _topic_shares(attempts) -> dict[tuple[int, str], tuple[int, float]]:
    rows = (
        QuestionOutcome.objects.filter(attempt__in=attempts.values("pk"))
        .values("attempt__module_id", "topic")
        .annotate(n=Count("attempt_id", distinct=True), share=SHARE_RIGHT)
    )
    return {
        (row["attempt__module_id"], row["topic"]): (row["n"], row["share"])
        for row in rows
    }


def knowledge_gain(*, since: datetime, until: datetime, module_ids=None) -> list:
    """ModuleGain for every module with a pre-test (or those in `module_ids`)."""
    modules = TrainingModulePage.objects.filter(
        pretest__isnull=False, quiz__isnull=False, locale__language_code="en"
    ).order_by("title")
    if module_ids:
        modules = modules.filter(pk__in=module_ids)
    titles = dict(modules.values_list("pk", "title"))
    pretests, finals = paired_attempts(since=since, until=until, modules=list(titles))
    pre, post = _mean_scores(pretests), _mean_scores(finals)
    pre_topics, post_topics = _topic_shares(pretests), _topic_shares(finals)
    results = []
    for module_id, title in titles.items():
        learners, pre_mean = pre.get(module_id, (0, None))
        _, post_mean = post.get(module_id, (0, None))
        gain = ModuleGain(
            module_id=module_id,
            title=title,
            overall=Gain(learners=learners, pre=pre_mean, post=post_mean),
        )
        topics = {t for m, t in pre_topics if m == module_id} & {
            t for m, t in post_topics if m == module_id
        }
        for topic in sorted(topics):
            pre_n, pre_share = pre_topics[(module_id, topic)]
            post_n, post_share = post_topics[(module_id, topic)]
            gain.by_topic[topic] = Gain(
                learners=min(pre_n, post_n), pre=pre_share, post=post_share
            )
        results.append(gain)
    return results
