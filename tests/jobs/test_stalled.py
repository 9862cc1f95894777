"""A worker killed mid-job: the attempt shows as stalled, and prune_jobs
counts it as failed, so the job retries (or fails for good) as after any error."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import STALL_AFTER, Job, JobStatus
from jobs.retry import RETRY_DELAYS, job_progress, job_start
from tests.jobs.helpers import (
    OUTCOMES,
    run_worker,
    run_worker_later,
    scripted,
    use_database_tasks,
)
from tests.training.certificates.builders import make_trainer

pytestmark = pytest.mark.django_db

LATER = STALL_AFTER + timedelta(minutes=1)


class Killed(BaseException):
    """The process goes: nothing after it runs, in run_attempt or the worker."""


@pytest.fixture(autouse=True)
def _database_backend(settings):
    use_database_tasks(settings)


def kill_the_worker_mid_attempt() -> None:
    """Run the worker, whose attempt dies without recording anything anywhere."""
    OUTCOMES.insert(0, Killed())
    with mock.patch.object(DBTaskResult, "set_failed", lambda self, error: None):
        run_worker()


def prune_jobs_later(delta: timedelta = LATER) -> None:
    with time_machine.travel(timezone.now() + delta, tick=False):
        call_command("prune_jobs", verbosity=0)


def test_a_killed_attempt_is_stalled_then_retried_and_succeeds():
    OUTCOMES.append("done")
    job = job_start(scripted, label="Fragile job")
    kill_the_worker_mid_attempt()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.is_stalled) == (JobStatus.RUNNING, 1, False)

    prune_jobs_later(STALL_AFTER - timedelta(minutes=1))  # not yet
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING

    with time_machine.travel(timezone.now() + LATER, tick=False):
        job.refresh_from_db()
        assert job.is_stalled and job.status_label == "Stalled: the worker stopped"
    prune_jobs_later()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RETRYING, 1)
    assert job.error == "jobs.retry.WorkerStopped" and not job.is_stalled
    # The dead worker's task result is closed too, so pruning can delete it.
    assert DBTaskResult.objects.get(status="FAILED").exception_class_path == (
        "jobs.retry.WorkerStopped"
    )

    run_worker_later(seconds=(LATER.total_seconds() + RETRY_DELAYS[0] + 1))
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.SUCCEEDED, 2, "")


def test_a_job_that_saves_progress_is_not_stalled():
    def progress_then_die(job):
        with time_machine.travel(timezone.now() + STALL_AFTER / 2, tick=False):
            job_progress(job, done=5)
        return Killed()

    OUTCOMES.append(progress_then_die)
    job = job_start(scripted, label="Busy job")
    with mock.patch.object(DBTaskResult, "set_failed", lambda self, error: None):
        run_worker()
    prune_jobs_later()  # an hour after the start, but half an hour after progress
    job.refresh_from_db()
    assert (job.status, job.done, job.is_stalled) == (JobStatus.RUNNING, 5, False)


def test_a_stalled_last_attempt_fails_for_good():
    job = job_start(scripted, label="Fragile job", max_attempts=1)
    kill_the_worker_mid_attempt()
    prune_jobs_later()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert job.error == "jobs.retry.WorkerStopped" and job.finished_at is not None
    assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def test_without_the_task_result_a_stalled_job_fails_rather_than_guess():
    job = job_start(scripted, label="Fragile job")
    kill_the_worker_mid_attempt()
    DBTaskResult.objects.all().delete()  # pruned by hand, or another backend
    prune_jobs_later()
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "jobs.retry.WorkerStopped")


def test_the_report_shows_a_stalled_job(client, staff_groups):
    long_ago = timezone.now() - LATER
    Job.objects.create(
        kind="certificate_zip_build",
        label="ZIP of 40 certificates",
        status=JobStatus.RUNNING,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    Job.objects.create(
        kind="email_send",
        label="Certificate copy by email",
        status=JobStatus.RUNNING,
        started_at=long_ago,
        heartbeat_at=timezone.now(),
    )
    client.force_login(make_trainer(staff_groups))
    html = client.get("/admin/reports/jobs/").content.decode()
    assert html.count("Stalled: the worker stopped") == 1
    assert "Running" in html
