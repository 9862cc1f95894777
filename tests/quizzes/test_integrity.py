"""SECURITY.md quiz integrity: no answer key, client score, IDOR or tampering."""

import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from quizzes.models import Attempt, Choice
from quizzes.services import attempt_start, attempt_submit
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import add_question, answer_key, make_quiz, make_quiz_module
from training.learners import Learner


def log_in(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})


@pytest.fixture
def learner(client, home):
    user = make_user()
    log_in(client, user)
    return user


@pytest.fixture
def attempt(learner, home):
    module = make_quiz_module(questions=4)
    quiz = module.quiz
    add_question(
        quiz,
        kind="multiple",
        prompt="Pick all",
        choices=[("A", True), ("B", True), ("C", False)],
    )
    return attempt_start(learner=Learner(user=learner), quiz=quiz, module=module)


def choice_tags(html: str) -> list[str]:
    return re.findall(r"<input[^>]*name=\"question-[^>]*>", html)


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_quiz_page_carries_no_answer_key(client, home, anonymous):
    module = make_quiz_module(
        audience="youth" if anonymous else "providers", questions=3
    )
    if not anonymous:
        log_in(client, make_user())
    for lesson in module.lessons():  # the final quiz opens after the lessons
        client.post(lesson.url)
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    html = client.get(response["Location"]).content.decode()
    assert "Feedback on" not in html and "Because:" not in html
    assert not re.search(r"correct|is_correct|data-answer", html, re.IGNORECASE)
    tags = choice_tags(html)
    assert len(tags) == 6
    # Right and wrong choices differ only in their value.
    shapes = {re.sub(r'(value|name)="[^"]+"', "", tag) for tag in tags}
    assert len(shapes) == 1


def test_autosave_response_carries_no_answer_key(client, attempt):
    question = attempt.questions[0]
    response = client.post(
        f"/quizzes/attempts/{attempt.public_id}/",
        {
            f"question-{question['id']}": [question["choices"][0]["id"]],
            "action": "save",
        },
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"saved": True}


def test_client_supplied_score_is_ignored(client, attempt):
    data = {f"question-{q['id']}": [q["choices"][-1]["id"]] for q in attempt.questions}
    data.update(score="100", passed="true", submitted_at="2020-01-01")
    client.post(f"/quizzes/attempts/{attempt.public_id}/", data)
    attempt.refresh_from_db()
    assert attempt.passed is False
    assert attempt.score == 0


@pytest.mark.parametrize("bad", ["foreign", "other_quiz", "not_a_number", "twice"])
def test_bad_choice_ids_get_400_and_change_nothing(client, attempt, bad):
    first, second = attempt.questions[0], attempt.questions[1]
    data = answer_key(attempt)
    if bad == "foreign":
        data[f"question-{first['id']}"] = [str(second["choices"][0]["id"])]
    elif bad == "other_quiz":
        stranger = make_quiz(questions=1).questions.first().choices.first()
        data[f"question-{first['id']}"] = [str(stranger.pk)]
    elif bad == "not_a_number":
        data[f"question-{first['id']}"] = ["abc"]
    else:
        data[f"question-{first['id']}"] = [str(c["id"]) for c in first["choices"]]
    response = client.post(f"/quizzes/attempts/{attempt.public_id}/", data)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode() or "Question 1" in (
        response.content.decode()
    )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.answers == {}


def test_another_learners_attempt_is_404(client, attempt):
    client.post("/accounts/logout/")
    log_in(client, make_user())
    url = f"/quizzes/attempts/{attempt.public_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, answer_key(attempt)).status_code == 404
    assert client.get(url + "result/").status_code == 404
    assert client.get(f"/quizzes/attempts/{uuid.uuid4()}/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_posting_to_a_submitted_attempt_changes_nothing(client, attempt):
    url = f"/quizzes/attempts/{attempt.public_id}/"
    client.post(url, answer_key(attempt))
    attempt.refresh_from_db()
    first = (attempt.score, attempt.submitted_at, attempt.answers)
    wrong = {f"question-{q['id']}": [q["choices"][-1]["id"]] for q in attempt.questions}
    for action in ("submit", "save"):
        response = client.post(url, {**wrong, "action": action})
        assert response["Location"].endswith("/result/")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at, attempt.answers) == first


def test_a_second_submit_returns_the_first_result(attempt):
    data = {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.questions
    }
    first = attempt_submit(attempt=attempt, answers=data)
    again = attempt_submit(attempt=attempt, answers={})
    assert (again.score, again.submitted_at) == (first.score, first.submitted_at)


def test_the_time_limit_uses_server_time(learner, home):
    module = make_quiz_module(questions=2, time_limit_minutes=10)
    started = timezone.now()
    with time_machine.travel(started, tick=False):
        attempt = attempt_start(
            learner=Learner(user=learner), quiz=module.quiz, module=module
        )
    late = {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.questions
    }
    with time_machine.travel(started + timedelta(minutes=15), tick=False):
        graded = attempt_submit(attempt=attempt, answers=late)
    # Answers sent after the deadline do not count: nothing was saved in time.
    assert graded.is_submitted and graded.score == 0


def test_a_trainer_edit_mid_attempt_does_not_change_the_grade(attempt):
    question = attempt.questions[0]
    right = next(c for c in question["choices"] if c["correct"])
    wrong = next(c for c in question["choices"] if not c["correct"])
    # The trainer flips the key and rewrites the prompt while the learner works.
    Choice.objects.filter(pk=right["id"]).update(is_correct=False)
    Choice.objects.filter(pk=wrong["id"]).update(is_correct=True)
    answers = {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.questions
    }
    graded = attempt_submit(attempt=attempt, answers=answers)
    assert graded.score == 100


def test_attempt_ids_are_uuids(attempt):
    assert isinstance(attempt.public_id, uuid.UUID)
    assert str(attempt.pk) not in str(attempt.public_id).split("-")


def test_only_one_attempt_in_progress_per_learner_and_quiz(learner, attempt):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            quiz=attempt.quiz, user=learner, questions=[], pass_mark=80, purpose="final"
        )
    again = attempt_start(learner=Learner(user=learner), quiz=attempt.quiz)
    assert again.pk == attempt.pk
