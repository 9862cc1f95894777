"""Item statistics on small data sets worked out by hand (no database)."""

from dataclasses import replace

import pytest

from insights.item_stats import (
    DISTRACTOR,
    NEGATIVE,
    TOO_EASY,
    TOO_HARD,
    WEAK,
    QuestionAggregate,
    aggregate,
    aggregate_counts,
    cut_scores,
    distractor_beats_key,
    flags,
    group_size,
    item_stats,
)

# Five learners' totals: A 100, B 80, C 60, D 40, E 20.
TOTALS = {"A": 100, "B": 80, "C": 60, "D": 40, "E": 20}


def rows(right: set[str], totals=TOTALS):
    return [(score, name in right) for name, score in totals.items()]


def three(value):
    return None if value is None else round(value, 3)


def test_group_size_is_27_percent_rounded_up_and_at_least_one():
    # ceil(0.27 * 5) = ceil(1.35) = 2; ceil(0.27 * 100) = 27; ceil(0.27) = 1
    assert [group_size(n) for n in (0, 1, 2, 4, 5, 100, 101)] == [0, 1, 1, 2, 2, 27, 28]


def test_a_good_question():
    # Right: A, B, D (100, 80, 40); wrong: C, E (60, 20).
    # facility = 3/5 = 0.6
    # k = 2: upper cut = 2nd best = 80 -> {A, B}, both right: 2/2 = 1.0
    #        lower cut = 2nd worst = 40 -> {D, E}, D right: 1/2 = 0.5
    # discrimination = 1.0 - 0.5 = 0.5
    # M1 = (100 + 80 + 40) / 3 = 73.333, M0 = (60 + 20) / 2 = 40
    # mean = 60, mean of squares = (10000 + 6400 + 3600 + 1600 + 400) / 5 = 4400
    # s = sqrt(4400 - 3600) = sqrt(800) = 28.284
    # r_pb = 33.333 / 28.284 * sqrt(0.6 * 0.4) = 1.1785 * 0.4899 = 0.577
    stats = item_stats(aggregate(rows({"A", "B", "D"})))
    assert stats.attempts == 5
    assert three(stats.facility) == 0.6
    assert three(stats.discrimination) == 0.5
    assert three(stats.point_biserial) == 0.577
    assert stats.flags == ()


def test_a_miskeyed_question_discriminates_negatively():
    # Right: C, E (60, 20); wrong: A, B, D.
    # facility = 2/5 = 0.4; upper {A, B}: 0/2; lower {D, E}: 1/2 -> D = -0.5
    # M1 = 40, M0 = 73.333 -> r_pb = -33.333 / 28.284 * 0.4899 = -0.577
    stats = item_stats(aggregate(rows({"C", "E"})))
    assert three(stats.facility) == 0.4
    assert three(stats.discrimination) == -0.5
    assert three(stats.point_biserial) == -0.577
    assert stats.flags == (NEGATIVE,)


def test_ties_at_the_cut_join_the_group():
    # Totals 80, 80, 80, 40, 40; right: the three 80s and one 40.
    # k = 2: upper cut = 2nd best = 80 -> all three 80s (60%, not 27%): 3/3 = 1.0
    #        lower cut = 2nd worst = 40 -> both 40s: 1/2 = 0.5 -> D = 0.5
    # facility = 4/5 = 0.8; M1 = (240 + 40) / 4 = 70, M0 = 40
    # mean = 64, mean of squares = (3 * 6400 + 2 * 1600) / 5 = 4480
    # s = sqrt(4480 - 4096) = sqrt(384) = 19.596
    # r_pb = 30 / 19.596 * sqrt(0.8 * 0.2) = 1.5309 * 0.4 = 0.612
    data = [(80, True), (80, True), (80, True), (40, True), (40, False)]
    assert cut_scores([score for score, _ in data]) == (80, 40)
    row = aggregate(data)
    assert (row.upper_attempts, row.upper_right) == (3, 3)
    assert (row.lower_attempts, row.lower_right) == (2, 1)
    stats = item_stats(row)
    assert three(stats.facility) == 0.8
    assert three(stats.discrimination) == 0.5
    assert three(stats.point_biserial) == 0.612


def test_everyone_scoring_the_same_puts_everyone_in_both_groups():
    # Totals 50 x 4, two right: both groups are all four, 2/4 - 2/4 = 0;
    # s = 0, so r_pb is undefined.
    stats = item_stats(aggregate([(50, True), (50, True), (50, False), (50, False)]))
    assert three(stats.facility) == 0.5
    assert stats.discrimination == 0
    assert stats.point_biserial is None
    assert stats.flags == (WEAK,)


def test_every_learner_right():
    # Totals 100, 50, 50, all right: facility 1.0.
    # k = ceil(0.81) = 1: upper {100} 1/1, lower cut 50 -> {50, 50} 2/2 -> D = 0
    # q = 0, so r_pb is undefined.
    stats = item_stats(aggregate([(100, True), (50, True), (50, True)]))
    assert stats.facility == 1.0
    assert stats.discrimination == 0
    assert stats.point_biserial is None
    assert stats.flags == (TOO_EASY, WEAK)


def test_every_learner_wrong():
    stats = item_stats(aggregate([(60, False), (20, False)]))
    assert stats.facility == 0
    assert stats.point_biserial is None
    assert stats.flags == (TOO_HARD, WEAK)


def test_one_learner_tells_facility_only():
    stats = item_stats(aggregate([(70, True)]))
    assert stats.attempts == 1
    assert stats.facility == 1.0
    assert stats.discrimination is None
    assert stats.point_biserial is None
    assert stats.flags == (TOO_EASY,)


def test_no_attempts_gives_no_figures_and_no_flags():
    stats = item_stats(aggregate([]))
    assert stats == item_stats(QuestionAggregate.unanswered())
    assert (stats.facility, stats.discrimination, stats.point_biserial) == (None,) * 3
    assert stats.flags == ()


@pytest.mark.parametrize(
    ("facility", "discrimination", "expected"),
    [
        (0.9, 0.2, ()),  # the bounds themselves are fine
        (0.3, 0.5, ()),
        (0.91, 0.5, (TOO_EASY,)),
        (0.29, 0.5, (TOO_HARD,)),
        (0.5, 0.19, (WEAK,)),
        (0.5, -0.01, (NEGATIVE,)),  # negative, not also weak
        (0.5, None, ()),
    ],
)
def test_flag_thresholds(facility, discrimination, expected):
    assert (
        flags(facility=facility, discrimination=discrimination, distractor=False)
        == expected
    )


def with_picks(picks, keys):
    return replace(
        QuestionAggregate.unanswered(),
        attempts=5,
        right=2,
        picks=picks,
        keys=frozenset(keys),
    )


def test_a_distractor_picked_more_than_the_key_is_flagged():
    assert distractor_beats_key(with_picks({1: 2, 2: 3, 3: 0}, {1}))
    assert not distractor_beats_key(with_picks({1: 3, 2: 3}, {1}))  # a tie is not
    assert not distractor_beats_key(with_picks({}, {1}))
    assert not distractor_beats_key(with_picks({2: 3}, set()))  # no key at all
    assert DISTRACTOR in item_stats(with_picks({1: 0, 2: 5}, {1})).flags


def test_with_several_keys_a_distractor_must_beat_the_least_picked_key():
    assert distractor_beats_key(with_picks({1: 5, 2: 2, 3: 3}, {1, 2}))
    assert not distractor_beats_key(with_picks({1: 5, 2: 4, 3: 3}, {1, 2}))


def test_grouped_counts_give_the_same_aggregate_as_the_rows():
    # What the database returns: (total, right, how many), not one row each.
    rows = [(80, True)] * 3 + [(40, True), (40, False), (0, False), (0, False)]
    groups = [(80, True, 3), (40, True, 1), (40, False, 1), (0, False, 2)]
    assert aggregate_counts(groups) == aggregate(rows)
    assert aggregate_counts([(40, True, 1), (40, True, 2)]) == aggregate(
        [(40, True)] * 3
    )
