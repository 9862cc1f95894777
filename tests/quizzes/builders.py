"""Builders for quizzes and attempts used across the quiz tests."""

from quizzes.models import Choice, Question, Quiz
from tests.factories import audience_page, make_module


def make_quiz(*, questions: int = 3, **kwargs) -> Quiz:
    """A live quiz whose questions each have choices 'Right' (correct) and 'Wrong'."""
    kwargs.setdefault("title", "Final quiz")
    kwargs.setdefault("pass_mark", 80)
    quiz = Quiz.objects.create(live=True, **kwargs)
    for number in range(1, questions + 1):
        add_question(quiz, prompt=f"Question {number}?")
    return quiz


def add_question(quiz, *, prompt="A question?", kind="single", choices=None, **kwargs):
    kwargs.setdefault("topic", "definitions")
    kwargs.setdefault("explanation", f"Because: {prompt}")
    question = Question.objects.create(
        quiz=quiz,
        kind=kind,
        prompt=prompt,
        sort_order=quiz.questions.count(),
        **kwargs,
    )
    for index, (text, correct) in enumerate(
        choices or [("Right", True), ("Wrong", False)]
    ):
        Choice.objects.create(
            question=question,
            text=text,
            is_correct=correct,
            feedback=f"Feedback on {text}",
            sort_order=index,
        )
    return question


def make_quiz_module(*, audience="providers", questions=3, lessons=1, **quiz_kwargs):
    quiz = make_quiz(questions=questions, **quiz_kwargs)
    module = make_module(parent=audience_page(audience), lessons=lessons)
    module.quiz = quiz
    module.save_revision().publish()
    module.refresh_from_db()
    return module


def answer_key(attempt) -> dict[str, list[str]]:
    """POST data that answers every question of the attempt correctly."""
    return {
        f"question-{q['id']}": [str(c["id"]) for c in q["choices"] if c["correct"]]
        for q in attempt.questions
    }


def wrong_answers(attempt) -> dict[str, list[str]]:
    return {
        f"question-{q['id']}": [
            next(str(c["id"]) for c in q["choices"] if not c["correct"])
        ]
        for q in attempt.questions
    }
