"""Unit and property tests for quizzes.grading."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.grading import FrozenQuestion, grade, question_is_correct


def make_question(question_id: int, correct: set[int], choices: int = 4):
    """Build a question whose choice ids are question_id * 10 + 0..choices-1."""
    return FrozenQuestion(
        id=question_id,
        correct=frozenset(question_id * 10 + index for index in correct),
        choice_ids=tuple(question_id * 10 + index for index in range(choices)),
    )


QUIZ = (make_question(1, {0}), make_question(2, {1, 2}), make_question(3, {3}))
RIGHT = {1: frozenset({10}), 2: frozenset({21, 22}), 3: frozenset({33})}


def test_all_right_scores_100():
    result = grade(questions=QUIZ, answers=RIGHT, pass_mark=80)
    assert result.score == Decimal("100.0")
    assert result.passed
    assert dict(result.correct_by_question) == {1: True, 2: True, 3: True}


def test_none_right_scores_0():
    answers = {1: frozenset({11}), 2: frozenset({20}), 3: frozenset({30})}
    result = grade(questions=QUIZ, answers=answers, pass_mark=80)
    assert result.score == Decimal("0.0")
    assert not result.passed


def test_two_of_three_is_66_7():
    answers = {**RIGHT, 3: frozenset({30})}
    result = grade(questions=QUIZ, answers=answers, pass_mark=50)
    assert result.score == Decimal("66.7")
    assert str(result.score) == "66.7"
    assert result.passed
    assert result.correct_by_question[3] is False


def test_rounds_half_up():
    # 1/16 = 6.25% must become 6.3, not banker's 6.2.
    questions = [make_question(index, {0}) for index in range(1, 17)]
    result = grade(questions=questions, answers={1: frozenset({10})}, pass_mark=5)
    assert result.score == Decimal("6.3")


def test_multi_select_partial_selection_is_wrong():
    assert not question_is_correct(correct=frozenset({1, 2}), selected=frozenset({1}))


def test_multi_select_superset_is_wrong():
    assert not question_is_correct(
        correct=frozenset({1, 2}), selected=frozenset({1, 2, 3})
    )


def test_exact_multi_select_is_right():
    assert question_is_correct(correct=frozenset({1, 2}), selected=frozenset({2, 1}))


def test_empty_selection_is_never_right():
    assert not question_is_correct(correct=frozenset(), selected=frozenset())


def test_unanswered_counts_as_wrong():
    result = grade(questions=QUIZ, answers={1: frozenset({10})}, pass_mark=30)
    assert result.score == Decimal("33.3")
    assert dict(result.correct_by_question) == {1: True, 2: False, 3: False}


def test_answers_for_unknown_questions_are_ignored():
    answers = {**RIGHT, 99: frozenset({990})}
    result = grade(questions=QUIZ, answers=answers, pass_mark=100)
    assert result.score == Decimal("100.0")
    assert 99 not in result.correct_by_question


def test_score_equal_to_pass_mark_passes():
    questions = [make_question(index, {0}) for index in range(1, 6)]
    answers = {index: frozenset({index * 10}) for index in range(1, 5)}
    result = grade(questions=questions, answers=answers, pass_mark=80)
    assert result.score == Decimal("80.0")
    assert result.passed


def test_score_just_below_pass_mark_fails():
    # 799/1000 = 79.9%, one tenth short of 80.
    questions = [make_question(index, {0}, choices=1) for index in range(1000)]
    answers = {index: frozenset({index * 10}) for index in range(799)}
    result = grade(questions=questions, answers=answers, pass_mark=80)
    assert result.score == Decimal("79.9")
    assert not result.passed


def test_zero_questions_scores_0_and_fails():
    result = grade(questions=[], answers={}, pass_mark=0)
    assert result.score == Decimal("0.0")
    assert not result.passed
    assert dict(result.correct_by_question) == {}


def test_result_cannot_be_mutated():
    result = grade(questions=QUIZ, answers=RIGHT, pass_mark=80)
    with pytest.raises(TypeError):
        result.correct_by_question[1] = False  # type: ignore[index]


@pytest.mark.parametrize("pass_mark", [-1, 101])
def test_pass_mark_outside_0_to_100_is_rejected(pass_mark):
    with pytest.raises(ValueError, match="pass_mark"):
        grade(questions=QUIZ, answers=RIGHT, pass_mark=pass_mark)


def test_duplicate_question_ids_are_rejected():
    with pytest.raises(ValueError, match="unique"):
        grade(questions=[QUIZ[0], QUIZ[0]], answers=RIGHT, pass_mark=80)


# --- properties -------------------------------------------------------------


@st.composite
def attempts(draw, min_questions=0):
    """Draw (questions, answers) with unique ids and arbitrary selections."""
    ids = draw(
        st.lists(
            st.integers(1, 10_000), unique=True, min_size=min_questions, max_size=15
        )
    )
    questions = []
    answers = {}
    for question_id in ids:
        choice_ids = tuple(question_id * 10 + index for index in range(4))
        correct = draw(st.frozensets(st.sampled_from(choice_ids), min_size=1))
        questions.append(FrozenQuestion(question_id, correct, choice_ids))
        if draw(st.booleans()):
            answers[question_id] = draw(st.frozensets(st.sampled_from(choice_ids)))
    return questions, answers


pass_marks = st.integers(0, 100)


@given(attempt=attempts(), pass_mark=pass_marks)
def test_score_is_between_0_and_100(attempt, pass_mark):
    questions, answers = attempt
    result = grade(questions=questions, answers=answers, pass_mark=pass_mark)
    assert Decimal(0) <= result.score <= Decimal(100)
    assert result.score == result.score.quantize(Decimal("0.1"))
    assert result.passed == (bool(questions) and result.score >= pass_mark)


@given(attempt=attempts(), pass_mark=pass_marks, data=st.data())
def test_score_ignores_question_answer_and_choice_order(attempt, pass_mark, data):
    questions, answers = attempt
    expected = grade(questions=questions, answers=answers, pass_mark=pass_mark)
    shuffled_questions = [
        FrozenQuestion(
            question.id,
            question.correct,
            tuple(data.draw(st.permutations(question.choice_ids))),
        )
        for question in data.draw(st.permutations(questions))
    ]
    shuffled_answers = dict(data.draw(st.permutations(list(answers.items()))))
    result = grade(
        questions=shuffled_questions, answers=shuffled_answers, pass_mark=pass_mark
    )
    assert result == expected


@given(attempt=attempts(min_questions=1), pass_mark=st.integers(1, 100))
def test_answering_everything_correctly_scores_100_and_passes(attempt, pass_mark):
    questions, _ = attempt
    answers = {question.id: question.correct for question in questions}
    result = grade(questions=questions, answers=answers, pass_mark=pass_mark)
    assert result.score == Decimal("100.0")
    assert result.passed
