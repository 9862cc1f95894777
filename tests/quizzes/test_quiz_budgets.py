from quizzes.services import attempt_start
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import answer_key, make_quiz_module
from training.learners import Learner


def test_a_twenty_question_quiz_renders_and_submits_within_budget(
    client, home, django_assert_max_num_queries
):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    module = make_quiz_module(questions=20)
    attempt = attempt_start(learner=Learner(user=user), quiz=module.quiz, module=module)
    url = f"/quizzes/attempts/{attempt.public_id}/"
    client.get(url)  # warm the settings and session caches

    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.content.decode().count("<fieldset") == 20

    with django_assert_max_num_queries(15):
        response = client.post(url, answer_key(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100
