"""Old jobs go: a ZIP of certificates carries names, so it is kept only as long
as a trainer needs to download it, and the rows behind the report stay small."""

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

KEEP_DAYS = 14


def jobs_prune(*, older_than: timedelta = timedelta(days=KEEP_DAYS)) -> int:
    """Delete finished jobs (and their files and task rows) older than that;
    returns how many jobs went. Jobs still queued, running or retrying stay."""
    cutoff = timezone.now() - older_than
    old = Job.objects.filter(
        status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED], finished_at__lt=cutoff
    )
    for job in old.exclude(result_file="").only("pk", "result_file"):
        try:
            job.result_file.delete(save=False)
        except Exception:
            logger.warning("Could not delete the file of job %s", job.pk, exc_info=True)
    count, _by_model = old.delete()
    DBTaskResult.objects.filter(
        Q(status="SUCCESSFUL") | Q(status="FAILED"), finished_at__lt=cutoff
    ).delete()
    return count
