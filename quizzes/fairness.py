"""Is a question bank a fair test? Pure checks on parsed GIFT questions.

A quiz that can be passed by answering "False" to every true/false item, or by
picking the longest option, measures test-taking, not knowledge. These checks
find both; the curriculum tests hold every quiz to them and the GIFT import
preview warns a trainer about a bank that fails them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import strip_tags

from quizzes.gift.parser import GiftQuestion

# At least this share of true/false items must be keyed each way.
MIN_SHARE_EACH_WAY = 1 / 3
# The right answer may be the longest option in at most this share of items.
MAX_SHARE_LONGEST_RIGHT = 1 / 2


@dataclass(frozen=True)
class TrueFalseBalance:
    true: int
    false: int

    @property
    def total(self) -> int:
        return self.true + self.false

    @property
    def is_fair(self) -> bool:
        if not self.total:
            return True
        least = min(self.true, self.false)
        return least >= MIN_SHARE_EACH_WAY * self.total


@dataclass(frozen=True)
class LongestRightCount:
    longest_right: int
    single_answer: int

    @property
    def is_fair(self) -> bool:
        return self.longest_right <= MAX_SHARE_LONGEST_RIGHT * self.single_answer


def true_false_balance(questions: Sequence[GiftQuestion]) -> TrueFalseBalance:
    keyed_true = [
        any(choice.correct and choice.text == "True" for choice in question.choices)
        for question in questions
        if question.kind == "true_false"
    ]
    return TrueFalseBalance(
        true=sum(keyed_true), false=len(keyed_true) - sum(keyed_true)
    )


def is_single_answer(question: GiftQuestion) -> bool:
    """One right option among written ones (true/false options are fixed words)."""
    right = sum(choice.correct for choice in question.choices)
    return question.kind != "true_false" and right == 1


def right_answer_is_longest(question: GiftQuestion) -> bool:
    """True when the one right option is at least as long as every other option."""
    lengths = [(len(strip_tags(c.text)), c.correct) for c in question.choices]
    right_length = next(length for length, correct in lengths if correct)
    return all(right_length >= length for length, _ in lengths)


def longest_right_count(questions: Sequence[GiftQuestion]) -> LongestRightCount:
    single = [question for question in questions if is_single_answer(question)]
    return LongestRightCount(
        longest_right=sum(right_answer_is_longest(question) for question in single),
        single_answer=len(single),
    )


def fairness_warnings(questions: Sequence[GiftQuestion]) -> list[str]:
    """Plain-language warnings for a trainer; empty when the bank is fair."""
    warnings = []
    balance = true_false_balance(questions)
    if not balance.is_fair:
        warnings.append(
            f"{balance.true} of {balance.total} true/false questions are keyed True "
            f"and {balance.false} False: key at least a third each way, or "
            "answering the same every time passes."
        )
    longest = longest_right_count(questions)
    if not longest.is_fair:
        warnings.append(
            f"In {longest.longest_right} of {longest.single_answer} single-answer "
            "questions the right answer is the longest option: make the wrong "
            "options as long and specific, or picking the longest passes."
        )
    return warnings
