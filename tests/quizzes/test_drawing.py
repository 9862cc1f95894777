"""Drawing questions from a pool topic by topic (quizzes/drawing.py)."""

import random

from hypothesis import given
from hypothesis import strategies as st

from quizzes.drawing import draw_by_topic, topic_shares

PROVIDERS_POOL = {
    "definitions": 6,
    "risk factors": 5,
    "indicators": 5,
    "first-responder duties": 6,
    "mandated reporting": 9,
}


def test_the_providers_draw_covers_every_topic_in_proportion():
    shares = topic_shares(pool_sizes=PROVIDERS_POOL, count=16)
    assert sum(shares.values()) == 16
    assert shares == {
        "definitions": 3,
        "risk factors": 2,
        "indicators": 3,
        "first-responder duties": 3,
        "mandated reporting": 5,
    }


def test_a_draw_as_large_as_the_pool_takes_everything_in_order():
    items = list(range(7))
    assert draw_by_topic(items, topic_of=str, count=0, rng=random.Random(1)) == items
    assert draw_by_topic(items, topic_of=str, count=9, rng=random.Random(1)) == items


def test_draws_differ_between_attempts_but_keep_pool_order():
    items = [(topic, n) for topic in "abc" for n in range(5)]
    draws = {
        tuple(draw_by_topic(items, topic_of=lambda i: i[0], count=6, rng=rng))
        for rng in (random.Random(seed) for seed in range(20))
    }
    assert len(draws) > 1
    for drawn in draws:
        assert list(drawn) == sorted(drawn)
        assert {topic for topic, _ in drawn} == {"a", "b", "c"}


@given(
    pool=st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 12), min_size=1),
    data=st.data(),
)
def test_shares_add_up_and_never_exceed_a_topic(pool, data):
    count = data.draw(st.integers(0, sum(pool.values())))
    shares = topic_shares(pool_sizes=pool, count=count)
    assert sum(shares.values()) == count
    assert all(0 <= shares[topic] <= size for topic, size in pool.items())
    if count >= len(pool):
        assert all(share >= 1 for share in shares.values())
