"""Pure, database-free item analysis: how well each question of a quiz works.

The database aggregates each question's attempts (reports' selectors); these
functions turn the aggregates into the figures trainers read and the flags
that say what to look at. `aggregate()` is the same aggregation in Python, the
reference the selector's SQL is tested against.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Kelley's classic groups: the top and bottom 27% of learners by total score.
GROUP_PERCENT = 27
EASY_ABOVE = 0.9
HARD_BELOW = 0.3
WEAK_BELOW = 0.2

TOO_EASY = "too easy"
TOO_HARD = "too hard"
WEAK = "weak"
NEGATIVE = "negative"
DISTRACTOR = "distractor beats the key"

FLAG_TEXT = {
    TOO_EASY: "Too easy: more than 9 in 10 learners get it right.",
    TOO_HARD: "Too hard: fewer than 3 in 10 learners get it right.",
    WEAK: "Weak: strong and weak learners get it right about as often.",
    NEGATIVE: "Negative: weak learners do better than strong ones; check the key.",
    DISTRACTOR: "A wrong choice is picked more often than the right one.",
}


@dataclass(frozen=True)
class QuestionAggregate:
    """One question's attempts as the database summed them up.

    Scores are attempts' total percentages. The means are None where no
    attempt is in the group.
    """

    attempts: int
    right: int
    mean_score_right: float | None
    mean_score_wrong: float | None
    mean_score: float | None
    mean_square_score: float | None
    upper_attempts: int
    upper_right: int
    lower_attempts: int
    lower_right: int
    # {choice id: times picked}, and the choice ids that are right.
    picks: Mapping[int, int] = field(default_factory=dict)
    keys: frozenset[int] = frozenset()

    @classmethod
    def unanswered(cls) -> QuestionAggregate:
        """A question no attempt in the filters answered."""
        return cls(
            attempts=0,
            right=0,
            mean_score_right=None,
            mean_score_wrong=None,
            mean_score=None,
            mean_square_score=None,
            upper_attempts=0,
            upper_right=0,
            lower_attempts=0,
            lower_right=0,
        )


@dataclass(frozen=True)
class ItemStats:
    attempts: int
    facility: float | None
    discrimination: float | None
    point_biserial: float | None
    flags: tuple[str, ...]


def group_size(attempts: int) -> int:
    """How many attempts from the top (or bottom) mark the cut: ceil(27% of N).

    At least one, so a single attempt is its own top and bottom group. Integer
    arithmetic, as the database does it: 0.27 * N in floating point can land a
    hair above a whole number and round up one too many.
    """
    return (GROUP_PERCENT * attempts + 99) // 100


def cut_scores(scores: Sequence[float]) -> tuple[float, float] | None:
    """(upper cut, lower cut): the k-th best and k-th worst total, k = group_size.

    Ties go in: the upper group is every attempt scoring at or above the upper
    cut, the lower group every attempt at or below the lower cut. So with ties
    a group holds more than 27%, and with few distinct scores the two groups
    may overlap (every attempt scoring the same: both groups are everyone and
    the discrimination is 0).
    """
    if not scores:
        return None
    ordered = sorted(scores)
    k = group_size(len(ordered))
    return ordered[-k], ordered[k - 1]


def aggregate(rows: Iterable[tuple[float, bool]]) -> QuestionAggregate:
    """A question's aggregate from its (attempt total, answered right) rows."""
    return aggregate_counts((score, right, 1) for score, right in rows)


def aggregate_counts(groups: Iterable[tuple[float, bool, int]]) -> QuestionAggregate:
    """A question's aggregate from (attempt total, answered right, attempts)
    groups: what the database's GROUP BY total, right returns.

    Totals are percentages with one decimal, so a question has at most 1,001
    distinct totals however many attempts it has: this works on the groups,
    never on the attempts. The cuts are cut_scores' (ties in), per question.
    """
    right_at: dict[float, int] = {}
    wrong_at: dict[float, int] = {}
    for score, right, count in groups:
        tally = right_at if right else wrong_at
        tally[float(score)] = tally.get(float(score), 0) + count
    scores = sorted(set(right_at) | set(wrong_at))
    at = {s: right_at.get(s, 0) + wrong_at.get(s, 0) for s in scores}
    n = sum(at.values())
    k = group_size(n)
    upper = _kth(reversed(scores), at, k)
    lower = _kth(scores, at, k)
    right = sum(right_at.values())

    def total(tally, power=1):
        return sum(score**power * count for score, count in tally.items())

    return QuestionAggregate(
        attempts=n,
        right=right,
        mean_score_right=total(right_at) / right if right else None,
        mean_score_wrong=total(wrong_at) / (n - right) if n - right else None,
        mean_score=total(at) / n if n else None,
        mean_square_score=total(at, 2) / n if n else None,
        upper_attempts=sum(at[s] for s in scores if s >= upper) if n else 0,
        upper_right=sum(right_at.get(s, 0) for s in scores if s >= upper) if n else 0,
        lower_attempts=sum(at[s] for s in scores if s <= lower) if n else 0,
        lower_right=sum(right_at.get(s, 0) for s in scores if s <= lower) if n else 0,
    )


def _kth(scores: Iterable[float], at: Mapping[float, int], k: int) -> float | None:
    """The k-th score walking `scores` in order, each repeated `at[score]` times."""
    seen = 0
    for score in scores:
        seen += at[score]
        if seen >= k:
            return score
    return None


def facility(row: QuestionAggregate) -> float | None:
    """The share of attempts that got the question right (None without any)."""
    return row.right / row.attempts if row.attempts else None


def discrimination(row: QuestionAggregate) -> float | None:
    """Upper-lower index: share right in the upper group minus in the lower.

    From -1 to 1; None with fewer than two attempts, where there is no top and
    bottom to tell apart.
    """
    if row.attempts < 2 or not row.upper_attempts or not row.lower_attempts:
        return None
    return row.upper_right / row.upper_attempts - row.lower_right / row.lower_attempts


def point_biserial(row: QuestionAggregate) -> float | None:
    """r_pb = (M1 - M0) / s * sqrt(p q), the correlation of right with total.

    M1, M0: mean total of those right and of those wrong; p the share right,
    q = 1 - p; s the population standard deviation of the totals,
    sqrt(E[x^2] - E[x]^2). The total includes this question (uncorrected).
    None when it is undefined: fewer than two attempts, everyone right or
    everyone wrong, or every total the same.
    """
    n = row.attempts
    if n < 2 or row.right in (0, n) or row.mean_square_score is None:
        return None
    variance = row.mean_square_score - row.mean_score**2
    # E[x^2] - E[x]^2 in floating point: equal totals may leave a speck of noise.
    if variance <= 1e-9 * max(1.0, row.mean_square_score):
        return None
    p = row.right / n
    r = (
        (row.mean_score_right - row.mean_score_wrong)
        / math.sqrt(variance)
        * math.sqrt(p * (1 - p))
    )
    return max(-1.0, min(1.0, r))


def distractor_beats_key(row: QuestionAggregate) -> bool:
    """A wrong choice was picked more often than a right one (the least picked)."""
    if not row.keys:
        return False
    least_key = min(row.picks.get(key, 0) for key in row.keys)
    return any(
        count > least_key
        for choice, count in row.picks.items()
        if choice not in row.keys
    )


def flags(
    *, facility: float | None, discrimination: float | None, distractor: bool
) -> tuple[str, ...]:
    """What a trainer should look at, in the order FLAG_TEXT lists them."""
    found = []
    if facility is not None and facility > EASY_ABOVE:
        found.append(TOO_EASY)
    if facility is not None and facility < HARD_BELOW:
        found.append(TOO_HARD)
    if discrimination is not None and discrimination < 0:
        found.append(NEGATIVE)
    elif discrimination is not None and discrimination < WEAK_BELOW:
        found.append(WEAK)
    if distractor:
        found.append(DISTRACTOR)
    return tuple(found)


def item_stats(row: QuestionAggregate) -> ItemStats:
    """Every figure for one question."""
    share = facility(row)
    index = discrimination(row)
    return ItemStats(
        attempts=row.attempts,
        facility=share,
        discrimination=index,
        point_biserial=point_biserial(row),
        flags=flags(
            facility=share,
            discrimination=index,
            distractor=distractor_beats_key(row),
        ),
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
