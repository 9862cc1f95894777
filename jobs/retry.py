"""Jobs that retry: django-tasks runs a task once, so a failure re-queues it here.

    @job_task()
    def certificate_email_job(job: Job) -> None: ...

    job_start(certificate_email_job, label="...", by=user, params={...})

Each attempt counts on the Job row. A failed attempt is queued again after a
growing pause (RETRY_DELAYS) until `max_attempts`; the last failure stays on
the row as FAILED, with the exception's class, for trainers to see. The work
must therefore be safe to run again: emails are sent last, files replaced.

An attempt whose worker was killed never fails by itself: its row would stay
RUNNING. `jobs_recover_stalled` (run by prune_jobs) counts an attempt silent
for STALL_AFTER as failed, so the job retries like after any other failure.
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from jobs.models import STALL_AFTER, Job, JobStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Seconds before attempt 2, 3, 4, 5: long enough together (about 2.5 hours)
# for a mail server to come back.
RETRY_DELAYS = (60, 300, 1800, 7200)


class WorkerStopped(Exception):
    """The attempt's worker went away mid-job (killed, out of memory)."""


def retry_delay(*, attempt: int) -> timedelta:
    """The pause after the given failed attempt (1-based)."""
    return timedelta(seconds=RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1])


def job_task(**task_options) -> Callable[[Callable[[Job], object]], Task]:
    """A django-tasks task taking a job id, running `work(job)` with retries."""

    def decorator(work: Callable[[Job], object]) -> Task:
        @functools.wraps(work)
        def attempt(job_id: int):
            return run_attempt(job_id, work=work, retry_task=queued)

        queued = task(**task_options)(attempt)
        return queued

    return decorator


def job_start(
    queued: Task,
    *,
    label: str,
    by=None,
    params: dict | None = None,
    total: int | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    download_permission: str = "",
) -> Job:
    """Record the job and queue its first attempt.

    With the database backend the task row commits with the Job row (same
    transaction), so a worker never picks up a job it cannot read.
    """
    job = Job.objects.create(
        kind=queued.name,
        label=label[:200],
        started_by=by if getattr(by, "is_authenticated", False) else None,
        params=params or {},
        total=total,
        max_attempts=max_attempts,
        download_permission=download_permission,
    )
    _enqueue(queued, job, delay=None)
    return job


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Save how far the job got, for its page, and that it is alive; one UPDATE."""
    changes = {"done": done, "heartbeat_at": timezone.now()}
    if total is not None:
        changes["total"] = total
    Job.objects.filter(pk=job.pk).update(**changes)
    job.done = done
    if total is not None:
        job.total = total


def run_attempt(job_id: int, *, work: Callable[[Job], object], retry_task: Task):
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        retry_at=None,
    )
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return None  # deleted since it was queued
    try:
        result = work(job)
    except Exception as error:
        _attempt_failed(job, error=error, retry_task=retry_task)
        raise  # the attempt's own result shows FAILED, and the worker logs it
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED, error="", finished_at=timezone.now()
    )
    return result


def jobs_recover_stalled(*, stalled_after: timedelta = STALL_AFTER) -> int:
    """Fail each running attempt silent for `stalled_after`, and its task result;
    the job retries as after any failure (its task found from that result), or
    fails for good. Returns how many attempts were stalled."""
    cutoff = timezone.now() - stalled_after
    stalled = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)
    claimed = list(DBTaskResult.objects.running())
    recovered = 0
    for job in stalled:
        # Compare-and-set: a job that just saved progress, or one another run
        # of this already took, is left alone.
        if not Job.objects.filter(
            pk=job.pk, status=JobStatus.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(heartbeat_at=None):
            continue
        recovered += 1
        result = next((r for r in claimed if _is_attempt_of(r, job)), None)
        retry_task = None
        if result is not None:
            DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.{WorkerStopped.__qualname__}",
                traceback="",
            )
            try:
                retry_task = result.task
            except ImportError:  # the task is gone from the code since
                retry_task = None
        _attempt_failed(job, error=WorkerStopped(), retry_task=retry_task)
    return recovered


def _is_attempt_of(result: DBTaskResult, job: Job) -> bool:
    task_name = result.task_path.rsplit(".", 1)[-1]
    return task_name == job.kind and result.args_kwargs.get("args") == [job.pk]


def _attempt_failed(job: Job, *, error: Exception, retry_task: Task | None) -> None:
    """Retry later, or fail for good after the last attempt (or with no task)."""
    summary = f"{type(error).__module__}.{type(error).__qualname__}"[:200]
    if job.attempts >= job.max_attempts or retry_task is None:
        logger.error("Job %s (%s) failed for good: %s", job.pk, job.kind, summary)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=summary, finished_at=timezone.now()
        )
        return
    delay = retry_delay(attempt=job.attempts)
    logger.warning(
        "Job %s (%s) attempt %s failed (%s); retrying in %s",
        job.pk,
        job.kind,
        job.attempts,
        summary,
        delay,
    )
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RETRYING, error=summary, retry_at=timezone.now() + delay
    )
    _enqueue(retry_task, job, delay=delay)


def _enqueue(queued: Task, job: Job, *, delay: timedelta | None) -> None:
    backend = queued.get_backend()
    if delay is not None and backend.supports_defer:
        queued = queued.using(run_after=timezone.now() + delay)
    # A backend that cannot wait (the immediate one, in tests and with
    # TASKS_BACKEND) retries at once: attempts stay bounded by max_attempts.
    try:
        with transaction.atomic():
            queued.enqueue(job.pk)
    except Exception:
        logger.exception("Could not queue job %s (%s)", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error="Could not be queued",
            finished_at=timezone.now(),
        )
