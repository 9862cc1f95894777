"""Quizzes are fair tests: no passing by always answering False or picking the
longest option. Held on every quiz bank in the repository."""

from pathlib import Path

import pytest

from quizzes.fairness import (
    fairness_warnings,
    longest_right_count,
    right_answer_is_longest,
    true_false_balance,
)
from quizzes.gift.parser import GiftChoice, GiftQuestion, parse_gift

REPO = Path(__file__).resolve().parents[2]
# Every quiz bank; tests/ holds parser fixtures (some malformed on purpose).
QUIZ_FILES = sorted(
    path
    for path in REPO.rglob("*.gift")
    if not path.is_relative_to(REPO / "tests") and ".venv" not in path.parts
)


def question(kind="single", choices=(("Right", True), ("Wrong", False))):
    return GiftQuestion(
        title="Q",
        kind=kind,
        prompt="A question?",
        case_text="",
        category="definitions",
        explanation="Why.",
        choices=tuple(GiftChoice(text, correct) for text, correct in choices),
    )


def true_false(keyed_true: bool):
    return question("true_false", (("True", keyed_true), ("False", not keyed_true)))


def test_the_curriculum_quizzes_are_found():
    names = {path.name for path in QUIZ_FILES}
    assert "providers-csec-mandated-reporting.gift" in names
    assert len(QUIZ_FILES) >= 4


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_true_false_items_are_keyed_both_ways(path):
    balance = true_false_balance(parse_gift(path.read_text(encoding="utf-8")))
    assert balance.is_fair, f"{balance.true} True, {balance.false} False"


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_right_answer_is_not_usually_the_longest(path):
    count = longest_right_count(parse_gift(path.read_text(encoding="utf-8")))
    assert count.is_fair, (
        f"longest option is right in {count.longest_right} of {count.single_answer}"
    )


def test_all_false_keys_are_unfair_and_a_third_each_way_is_fair():
    assert not true_false_balance([true_false(False)] * 4).is_fair
    assert not true_false_balance([true_false(True)] + [true_false(False)] * 3).is_fair
    assert true_false_balance([true_false(True)] + [true_false(False)] * 2).is_fair
    assert true_false_balance([]).is_fair


def test_longest_counts_ties_and_ignores_markup_and_true_false():
    assert right_answer_is_longest(question(choices=(("Same", True), ("Size", False))))
    assert not right_answer_is_longest(
        question(choices=(("<b>Right</b>", True), ("Wrongly", False)))
    )
    items = [
        question(choices=(("The long right answer", True), ("Short", False))),
        question(choices=(("Short", True), ("The long wrong answer", False))),
        true_false(False),
    ]
    count = longest_right_count(items)
    assert (count.longest_right, count.single_answer) == (1, 2)
    assert count.is_fair
    assert not longest_right_count(items[:1]).is_fair


def test_warnings_say_what_to_change():
    unfair = [true_false(False)] * 3 + [
        question(choices=(("The long right answer", True), ("Short", False)))
    ]
    warnings = fairness_warnings(unfair)
    assert len(warnings) == 2
    assert "0 of 3 true/false questions are keyed True" in warnings[0]
    assert "1 of 1 single-answer" in warnings[1]
    assert fairness_warnings([true_false(True), true_false(False)]) == []
