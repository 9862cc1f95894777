"""Jobs run by the real database backend and worker, and retry when they fail."""

import pytest
from django_tasks_db.models import DBTaskResult

from jobs.models import JobStatus
from jobs.retry import RETRY_DELAYS, job_start
from tests.jobs.helpers import (
    OUTCOMES,
    run_worker,
    run_worker_later,
    scripted,
    use_database_tasks,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_backend(settings):
    use_database_tasks(settings)


def test_nothing_runs_until_the_worker_does():
    OUTCOMES.append("done")
    job = job_start(scripted, label="Flaky job")
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.SUCCEEDED, 1, "")
    assert job.finished_at is not None


def test_a_failed_attempt_waits_then_runs_again_and_succeeds():
    OUTCOMES.extend([ConnectionRefusedError(111, "refused"), "done"])
    job = job_start(scripted, label="Flaky job")
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RETRYING, 1)
    assert job.error == "builtins.ConnectionRefusedError"
    assert job.retry_at is not None and job.finished_at is None

    run_worker()  # too early: the retry waits for its run_after
    job.refresh_from_db()
    assert job.attempts == 1 and OUTCOMES == ["done"]

    run_worker_later(seconds=RETRY_DELAYS[0] + 1)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.SUCCEEDED, 2, "")
    # Each attempt is its own task result: the failed one stays FAILED.
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "FAILED",
        "SUCCESSFUL",
    ]


def test_the_last_failure_is_recorded_and_not_retried():
    OUTCOMES.extend([OSError("disk full")] * 3)
    job = job_start(scripted, label="Flaky job", max_attempts=3)
    run_worker()
    run_worker_later(seconds=RETRY_DELAYS[0] + 1)
    run_worker_later(seconds=RETRY_DELAYS[0] + RETRY_DELAYS[1] + 2)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert job.error == "builtins.OSError" and job.finished_at is not None
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert OUTCOMES == []


def test_the_error_names_the_exception_but_never_its_message():
    OUTCOMES.append(ValueError("could not send to ana@example.org"))
    job = job_start(scripted, label="Flaky job", max_attempts=1)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "ana@example.org" not in job.error
