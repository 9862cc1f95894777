"""Taking a quiz through its pages: start, save, resume, submit, result, retry."""

import re

import pytest

from audiences.models import Audience
from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import answer_key, make_quiz_module, wrong_answers
from training.models import LessonCompletion


@pytest.fixture
def learner(client, home):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    return user


@pytest.fixture
def module(home):
    return make_quiz_module(questions=5, max_attempts=3)


def finish_lessons(user, module):
    for lesson in module.lessons():
        LessonCompletion.objects.create(user=user, lesson=lesson, module=module)


def start(client, module, purpose="final"):
    response = client.post(f"/quizzes/start/{module.pk}/{purpose}/")
    assert response.status_code == 302, response
    return Attempt.objects.get(public_id=response["Location"].split("/")[-2])


def test_the_quiz_opens_once_every_lesson_is_finished(client, learner, module):
    html = client.get(module.url).content.decode()
    assert "The quiz opens when you have finished every lesson" in html
    finish_lessons(learner, module)
    html = client.get(module.url).content.decode()
    assert "Take the final quiz" in html


def test_pass_marks_the_module_complete(client, learner, module):
    finish_lessons(learner, module)
    attempt = start(client, module)
    response = client.post(
        f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt)
    )
    assert response["Location"] == f"/quizzes/attempts/{attempt.public_id}/result/"
    html = client.get(response["Location"]).content.decode()
    assert (
        "100.0%" in html and "You passed" in html and "This module is complete" in html
    )
    assert "Completed" in client.get("/providers/").content.decode()
    my_training = client.get("/my-training/").content.decode()
    assert my_training.index("Completed") < my_training.index(module.title)


def test_fail_review_retry_pass(client, learner, module):
    finish_lessons(learner, module)
    first = start(client, module)
    client.post(f"/quizzes/attempts/{first.public_id}/", wrong_answers(first))
    html = client.get(f"/quizzes/attempts/{first.public_id}/result/").content.decode()
    assert "0.0%" in html and "did not pass" in html
    assert "(correct answer)" in html and "Because:" in html  # review after each
    assert "Try again" in html and "2 attempts left" in html

    second = start(client, module)
    assert second.pk != first.pk
    client.post(f"/quizzes/attempts/{second.public_id}/", answer_key(second))
    second.refresh_from_db()
    assert second.passed and second.score == 100


def test_answers_are_saved_and_a_closed_tab_resumes(client, learner, module):
    finish_lessons(learner, module)
    attempt = start(client, module)
    first_question = attempt.questions[0]
    choice = first_question["choices"][1]["id"]
    response = client.post(
        f"/quizzes/attempts/{attempt.public_id}/",
        {f"question-{first_question['id']}": [choice], "action": "save"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"saved": True}

    # Starting again (another tab, or tomorrow) resumes the same attempt.
    assert start(client, module).pk == attempt.pk
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/").content.decode()
    assert f'value="{choice}" checked' in html


def test_a_missing_answer_names_the_question_and_keeps_the_rest(
    client, learner, module
):
    finish_lessons(learner, module)
    attempt = start(client, module)
    answers = answer_key(attempt)
    skipped = attempt.questions[3]["id"]
    del answers[f"question-{skipped}"]
    response = client.post(f"/quizzes/attempts/{attempt.public_id}/", answers)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Question 4: Please answer this question." in html
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert len(attempt.answers) == 4  # what was answered is kept


def test_max_attempts_is_enforced(client, learner, home):
    module = make_quiz_module(questions=2, max_attempts=1)
    finish_lessons(learner, module)
    attempt = start(client, module)
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong_answers(attempt))
    response = client.post(f"/quizzes/start/{module.pk}/final/", follow=True)
    assert "You have used every attempt" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_review_only_after_passing_hides_answers_on_a_fail(client, learner, home):
    module = make_quiz_module(questions=2, review_policy="after_passing")
    finish_lessons(learner, module)
    attempt = start(client, module)
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong_answers(attempt))
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/result/").content.decode()
    assert "(correct answer)" not in html and "Because:" not in html
    assert "shown once you pass" in html


def test_youth_take_the_quiz_without_an_account(client, home):
    module = make_quiz_module(audience="youth", questions=2)
    for lesson in module.lessons():
        client.post(lesson.url)
    attempt = start(client, module)
    assert attempt.user is None and attempt.anonymous_key
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt))
    html = client.get(module.url).content.decode()
    assert "Passed" in html


def test_a_visitor_needs_an_account_where_a_trainer_switched_anonymity_off(
    client, home
):
    module = make_quiz_module(questions=2)
    Audience.objects.filter(slug="providers").update(allows_anonymous_learners=False)
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    assert response["Location"].startswith("/accounts/login/")
    assert not Attempt.objects.exists()


def test_a_pretest_is_offered_first_and_does_not_complete_the_module(
    client, learner, home
):
    from tests.quizzes.builders import make_quiz

    module = make_quiz_module(questions=2)
    module.pretest = make_quiz(title="What do you know already?", questions=2)
    module.save_revision().publish()
    html = client.get(module.url).content.decode()
    assert "Take the pre-test" in html

    pretest = start(client, module, purpose="pretest")
    assert pretest.purpose == "pretest" and pretest.quiz == module.pretest
    client.post(f"/quizzes/attempts/{pretest.public_id}/", answer_key(pretest))
    result = client.get(f"/quizzes/attempts/{pretest.public_id}/result/")
    assert "does not count towards completion" in result.content.decode()
    finish_lessons(learner, module)
    assert "Take the final quiz" in client.get(module.url).content.decode()
    assert "Completed" not in client.get("/providers/").content.decode()


def test_a_timed_quiz_shows_the_time_left_from_the_servers_clock(client, learner, home):
    module = make_quiz_module(questions=2, time_limit_minutes=15)
    finish_lessons(learner, module)
    attempt = start(client, module)
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/").content.decode()
    seconds = int(re.search(r'data-seconds-left="(\d+)"', html)[1])
    assert 14 * 60 < seconds <= 15 * 60
    assert "quiz-timer.js" in html


def test_an_untimed_quiz_has_no_timer(client, learner, module):
    finish_lessons(learner, module)
    attempt = start(client, module)
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/").content.decode()
    assert "quiz-timer" not in html


def test_a_question_without_an_explanation_shows_no_why(client, learner, home):
    module = make_quiz_module(questions=2)
    module.quiz.questions.filter(sort_order=1).update(explanation="")
    finish_lessons(learner, module)
    attempt = start(client, module)
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong_answers(attempt))
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/result/").content.decode()
    assert html.count("(correct answer)") == 2
    assert html.count("<strong>Why:</strong>") == 1
    assert "Because: Question 1?" in html


def test_an_unreadable_answer_is_refused_not_a_server_error(client, learner, module):
    finish_lessons(learner, module)
    attempt = start(client, module)
    question = attempt.questions[0]["id"]
    response = client.post(
        f"/quizzes/attempts/{attempt.public_id}/", {f"question-{question}": ["²"]}
    )
    assert response.status_code == 400
    assert "Some answers could not be read" in response.content.decode()
