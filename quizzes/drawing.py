"""Drawing an attempt's questions from a larger pool, topic by topic. Pure.

A plain random sample of 16 from 31 can miss a whole topic (no mandated
reporting question on a mandated reporter's test). Each topic gets its share
of the draw instead, in proportion to its part of the pool.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def topic_shares(*, pool_sizes: dict[str, int], count: int) -> dict[str, int]:
    """How many to draw from each topic: proportional, largest remainder first.

    Every topic gets at least one while `count` allows; no topic more than it has.
    """
    total = sum(pool_sizes.values())
    if count >= total:
        return dict(pool_sizes)
    exact = {topic: size * count / total for topic, size in pool_sizes.items()}
    shares = {topic: int(share) for topic, share in exact.items()}
    if count >= len(pool_sizes):
        shares = {topic: max(share, 1) for topic, share in shares.items()}
    by_remainder = sorted(
        pool_sizes, key=lambda topic: (shares[topic] - exact[topic], topic)
    )
    while sum(shares.values()) < count:
        for topic in by_remainder:
            if sum(shares.values()) == count:
                break
            if shares[topic] < pool_sizes[topic]:
                shares[topic] += 1
    while sum(shares.values()) > count:
        # Minimums of one can overshoot: take back from the largest shares.
        largest = max(shares, key=lambda topic: (shares[topic], topic))
        shares[largest] -= 1
    return shares


def draw_by_topic(
    items: Sequence[Item],
    *,
    topic_of: Callable[[Item], str],
    count: int,
    rng: random.Random,
) -> list[Item]:
    """`count` items drawn topic by topic, kept in their pool order."""
    if not count or count >= len(items):
        return list(items)
    positions_by_topic: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        positions_by_topic[topic_of(item)].append(position)
    shares = topic_shares(
        pool_sizes={topic: len(p) for topic, p in positions_by_topic.items()},
        count=count,
    )
    drawn = {
        position
        for topic, positions in positions_by_topic.items()
        for position in rng.sample(positions, shares[topic])
    }
    return [item for position, item in enumerate(items) if position in drawn]
