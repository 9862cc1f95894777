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

Anonymous sessions whose records were purged count through the pairs that
insights/archive.py kept of them (ArchivedGain), added as sums.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Count, OuterRef, Sum, Value, When

from insights.models import ArchivedGain, ArchivedTopicGain
from insights.selectors.reach import a_row_of_the_same_learner, in_range
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
        module_id=OuterRef("module_id"),
        purpose=purpose,
        submitted_at__isnull=False,
        submitted_at__lt=OuterRef("submitted_at"),
    )
    return Attempt.objects.filter(
        purpose=purpose, module__isnull=False, submitted_at__isnull=False
    ).exclude(a_row_of_the_same_learner(earlier))


def paired_attempts(*, since: datetime | None, until: datetime | None, modules):
    """(first pre-tests, first finals) of learners with both, pre-test first,
    whose final fell in [since, until); `modules` None means every module."""
    finals = first_attempts(AttemptPurpose.FINAL)
    pretests = first_attempts(AttemptPurpose.PRETEST)
    if modules is not None:
        finals = finals.filter(module__in=modules)
        pretests = pretests.filter(module__in=modules)
    paired_finals = finals.filter(
        a_row_of_the_same_learner(
            pretests.filter(
                module_id=OuterRef("module_id"),
                submitted_at__lt=OuterRef("submitted_at"),
            )
        ),
        in_range("submitted_at", since, until),
    )
    paired_pretests = pretests.filter(
        a_row_of_the_same_learner(
            paired_finals.filter(
                module_id=OuterRef("module_id"),
                submitted_at__gt=OuterRef("submitted_at"),
            )
        )
    )
    return paired_pretests, paired_finals


@dataclass(frozen=True)
class Tally:
    """A mean kept as its parts, so live and archived records add up."""

    learners: int = 0
    total: float = 0.0
    weight: float = 0.0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.learners + other.learners,
            self.total + other.total,
            self.weight + other.weight,
        )

    @property
    def mean(self) -> float | None:
        return self.total / self.weight if self.weight else None


def _gain(pre: Tally, post: Tally) -> Gain:
    return Gain(learners=min(pre.learners, post.learners), pre=pre.mean, post=post.mean)


def _score_tallies(attempts) -> dict[int, Tally]:
    rows = attempts.values("module_id").annotate(n=Count("pk"), total=Sum("score"))
    return {
        row["module_id"]: Tally(row["n"], float(row["total"]), row["n"]) for row in rows
    }


RIGHT_POINTS = Sum(Case(When(correct=True, then=Value(100)), default=Value(0)))


def _topic_tallies(attempts) -> dict[tuple[int, str], Tally]:
    rows = (
        QuestionOutcome.objects.filter(attempt__in=attempts.values("pk"))
        .values("attempt__module_id", "topic")
        .annotate(
            n=Count("attempt_id", distinct=True),
            points=RIGHT_POINTS,
            answered=Count("pk"),
        )
    )
    return {
        (row["attempt__module_id"], row["topic"]): Tally(
            row["n"], float(row["points"]), row["answered"]
        )
        for row in rows
    }


def _archived_tallies(*, since, until, modules) -> tuple[dict, dict, dict, dict]:
    """(pre, post) by module and (pre, post) by module and topic, from the
    anonymous sessions already purged (insights/archive.py)."""
    gains = ArchivedGain.objects.filter(
        in_range("final_submitted_at", since, until), module__in=modules
    )
    pre, post = {}, {}
    for row in gains.values("module_id").annotate(
        n=Count("pk"), pre=Sum("pre_score"), post=Sum("post_score")
    ):
        pre[row["module_id"]] = Tally(row["n"], float(row["pre"]), row["n"])
        post[row["module_id"]] = Tally(row["n"], float(row["post"]), row["n"])
    pre_topics, post_topics = {}, {}
    topics = (
        ArchivedTopicGain.objects.filter(gain__in=gains)
        .values("gain__module_id", "topic")
        .annotate(
            n=Count("pk"),
            pre_right=Sum("pre_right"),
            pre_total=Sum("pre_total"),
            post_right=Sum("post_right"),
            post_total=Sum("post_total"),
        )
    )
    for row in topics:
        key = (row["gain__module_id"], row["topic"])
        pre_topics[key] = Tally(row["n"], 100.0 * row["pre_right"], row["pre_total"])
        post_topics[key] = Tally(row["n"], 100.0 * row["post_right"], row["post_total"])
    return pre, post, pre_topics, post_topics


def _merged(live: dict, archived: dict) -> dict:
    return {
        key: live.get(key, Tally()) + archived.get(key, Tally())
        for key in live.keys() | archived.keys()
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
    archived = _archived_tallies(since=since, until=until, modules=list(titles))
    pre = _merged(_score_tallies(pretests), archived[0])
    post = _merged(_score_tallies(finals), archived[1])
    pre_topics = _merged(_topic_tallies(pretests), archived[2])
    post_topics = _merged(_topic_tallies(finals), archived[3])
    results = []
    for module_id, title in titles.items():
        gain = ModuleGain(
            module_id=module_id,
            title=title,
            overall=_gain(pre.get(module_id, Tally()), post.get(module_id, Tally())),
        )
        topics = {t for m, t in pre_topics if m == module_id} & {
            t for m, t in post_topics if m == module_id
        }
        for topic in sorted(topics):
            gain.by_topic[topic] = _gain(
                pre_topics[(module_id, topic)], post_topics[(module_id, topic)]
            )
        results.append(gain)
    return results
