"""Ten simultaneous submits of one attempt: one grade, the same everywhere, no error."""

import threading

import pytest
from django.db import connection, connections

from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from tests.factories import make_user
from tests.quizzes.builders import make_quiz_module
from training.learners import Learner

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; SQLite locks the whole file per writer",
    ),
]


def test_ten_threads_submit_the_same_attempt(home):
    user = make_user()
    module = make_quiz_module(questions=5)
    attempt = attempt_start(learner=Learner(user=user), quiz=module.quiz, module=module)
    answers = {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.questions
    }
    barrier = threading.Barrier(10)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            graded = attempt_submit(
                attempt=Attempt.objects.get(pk=attempt.pk), answers=answers
            )
            results.append((graded.score, graded.submitted_at))
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == 10
    assert len(set(results)) == 1
    assert (
        Attempt.objects.filter(pk=attempt.pk, score=100)
        .exclude(submitted_at=None)
        .exists()
    )
