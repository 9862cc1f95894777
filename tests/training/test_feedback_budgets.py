"""The survey costs the module page and the result page one query at most."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import answer_key, make_quiz_module

FEEDBACK_TABLE = "training_modulefeedback"


def feedback_queries(context) -> int:
    return sum(FEEDBACK_TABLE in query["sql"] for query in context.captured_queries)


def get(client, url, *, budget):
    client.get(url)  # warm the site-settings and session caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert feedback_queries(context) <= 1
    assert len(context.captured_queries) <= budget, [
        q["sql"][:120] for q in context.captured_queries
    ]
    return response


def test_module_and_result_pages_of_a_signed_in_learner(client, home):
    module = make_quiz_module(audience="providers", questions=10, lessons=6)
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    html = get(client, module.url, budget=12).content.decode()
    assert 'id="feedback-before"' in html
    for lesson in module.lessons():
        client.post(lesson.url)
    client.post(f"/quizzes/start/{module.pk}/final/")
    attempt = Attempt.objects.get()
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt))
    result = f"/quizzes/attempts/{attempt.public_id}/result/"
    html = get(client, result, budget=3).content.decode()
    assert 'id="feedback-after"' in html


def test_the_module_page_of_an_anonymous_learner_with_a_session(client, home):
    module = make_quiz_module(audience="youth", questions=2, lessons=6)
    client.post(f"/feedback/{module.pk}/before/", {"confidence_before": "3"})
    html = get(client, module.url, budget=12).content.decode()
    assert 'id="feedback-before"' not in html


def test_a_reader_costs_no_feedback_query(client, home):
    module = make_quiz_module(audience="youth", questions=2, lessons=6)
    client.get(module.url)
    with CaptureQueriesContext(connection) as context:
        html = client.get(module.url).content.decode()
    assert 'id="feedback-before"' in html
    assert feedback_queries(context) == 0
