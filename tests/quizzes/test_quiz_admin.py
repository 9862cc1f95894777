"""Trainers edit quizzes in the Wagtail admin; broken questions cannot be saved."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from quizzes.models import Quiz
from tests.factories import make_staff


@pytest.fixture
def trainer_client(client, staff_groups):
    make_staff(client=client, group=staff_groups["CAC trainers"])
    return client


def quiz_form(
    *,
    kind="single",
    flags=(True, False),
    pass_mark=80,
    case_text="",
    explanation="Clusters of signs matter.",
):
    choices = [
        {"text": f"Choice {i}", "is_correct": flag, "feedback": ""}
        for i, flag in enumerate(flags)
    ]
    return nested_form_data(
        {
            "title": "Indicators quiz",
            "instructions": "Choose the best answer.",
            "pass_mark": pass_mark,
            "max_attempts": 0,
            "draw_count": 0,
            "review_policy": "after_each",
            "cooldown_after_failures": 3,
            "cooldown_hours": 24,
            "questions": inline_formset(
                [
                    {
                        "kind": kind,
                        "topic": "indicators",
                        "case_text": case_text,
                        "prompt": "Which is a warning sign?",
                        "explanation": explanation,
                        "choices": inline_formset(choices, min=2),
                    }
                ]
            ),
        }
    )


def test_a_trainer_creates_and_publishes_a_valid_quiz(trainer_client):
    data = {**quiz_form(), "action-publish": "publish"}
    response = trainer_client.post("/admin/snippets/quizzes/quiz/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get()
    assert quiz.live
    assert quiz.questions.get().choices.filter(is_correct=True).count() == 1


def test_a_question_may_wait_for_its_explanation(trainer_client):
    # Imported Moodle banks may lack general feedback; the trainer adds it later.
    data = {**quiz_form(explanation=""), "action-publish": "publish"}
    response = trainer_client.post("/admin/snippets/quizzes/quiz/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Quiz.objects.get().questions.get().explanation == ""


@pytest.mark.parametrize(
    "kind, flags, message",
    [
        ("single", (True, True), "exactly one correct choice"),
        ("single", (False, False), "exactly one correct choice"),
        ("true_false", (False, False), "exactly one correct choice"),
        ("multiple", (False, False), "at least one choice correct"),
        ("scenario", (True, False), "needs its case text"),
    ],
)
def test_a_broken_question_cannot_be_published(trainer_client, kind, flags, message):
    data = {**quiz_form(kind=kind, flags=flags), "action-publish": "publish"}
    response = trainer_client.post("/admin/snippets/quizzes/quiz/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Quiz.objects.exists()


@pytest.mark.parametrize("pass_mark", [0, 101])
def test_the_pass_mark_is_between_1_and_100(trainer_client, pass_mark):
    response = trainer_client.post(
        "/admin/snippets/quizzes/quiz/add/", quiz_form(pass_mark=pass_mark)
    )
    assert response.status_code == 200
    assert not Quiz.objects.exists()
