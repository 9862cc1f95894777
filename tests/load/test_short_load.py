"""The load test, short: 10 learners for 20 seconds against the production stack.

bench/load/run.py is the full run (50 learners, 3 minutes, the curriculum).
This one runs on every CI build, on a copy of the test database (SQLite or
PostgreSQL) holding one small youth module and one provider module made by
the suite's builders: gunicorn with production settings and 2 workers, Redis,
a task worker, and Locust in its own process. It asserts what the full run
does: no server error, nothing a learner was told was kept is missing, and
every step of every journey, the trainer's ZIP included, was taken.
"""

import pytest

from bench.load.stack import LoadStack
from tests.shared_state.stack import (
    copy_test_database,
    drop_database_copy,
    require_redis_server,
)

# The servers read a copy of the test database, never it: the mark only tells
# pytest-django to build it (a run of this file alone would not), and
# transaction=True keeps the test process from holding a transaction open.
pytestmark = pytest.mark.django_db(transaction=True)

USERS = 10
SECONDS = 20
SITE_CONTENT = """
from audiences.setup import setup_site
from tests.quizzes.builders import add_question, make_quiz_module
from tests.training.certificates.builders import make_certificate_module
setup_site()
make_quiz_module(audience="youth", questions=4, lessons=2)
provider_module = make_certificate_module(lessons=2)
for number in range(1, 5):
    add_question(provider_module.quiz, prompt=f"Provider question {number}?")
"""
# Every step a person takes; each must have happened at least once.
JOURNEY_STEPS = [
    "home",
    "audience",
    "module",
    "lesson",
    "lesson: mark finished",
    "quiz: start",
    "quiz: questions",
    "quiz: autosave",
    "quiz: submit",
    "quiz: result",
    "sign in: form",
    "sign in",
    "certificate: claim form",
    "certificate: claim",
    "certificate: claimed",
    "certificate: PDF",
    "admin: ZIP confirm",
    "admin: ZIP start",
    "admin: job progress",
    "admin: ZIP download",
]


@pytest.fixture
def database_url(django_db_setup, django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        url = copy_test_database(tmp_path)
    yield url
    with django_db_blocker.unblock():
        drop_database_copy(url)


@pytest.fixture
def stack(database_url, tmp_path):
    require_redis_server()
    stack = LoadStack(workdir=tmp_path, database_url=database_url, workers=2)
    yield stack
    stack.stop()


def test_ten_learners_lose_nothing_and_meet_no_server_error(stack):
    stack.python_in_site(SITE_CONTENT)
    plan = stack.prepare(providers=USERS * 6, certificates=5)
    base = stack.start()

    records, prefix = stack.run_locust(
        base=base, plan=plan, users=USERS, seconds=SECONDS, pause="0.1,0.3"
    )
    report = stack.report(users=USERS, seconds=SECONDS, records=records, prefix=prefix)

    summary = f"\n{report.table()}\n" + "\n".join(report.failures)
    assert report.server_errors == 0, summary
    assert report.server_log_errors == [], report.server_log_errors
    assert report.lost == [], report.lost
    assert report.failures == [], summary
    not_taken = [step for step in JOURNEY_STEPS if not report.requests(step)]
    assert not_taken == [], summary
