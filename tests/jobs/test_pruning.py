"""Finished jobs and their ZIPs (which carry names) are deleted after two weeks."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def make_job(*, status, finished_days_ago=None, with_file=False) -> Job:
    job = Job.objects.create(kind="certificate_zip_build", label="ZIP", status=status)
    if finished_days_ago is not None:
        job.finished_at = timezone.now() - timedelta(days=finished_days_ago)
    if with_file:
        job.result_file.save(f"jobs/{job.pk}/certificates.zip", ContentFile(b"PK"))
    job.save()
    return job


def test_old_finished_jobs_and_their_files_go_and_the_rest_stay():
    old = make_job(status=JobStatus.SUCCEEDED, finished_days_ago=15, with_file=True)
    old_failed = make_job(status=JobStatus.FAILED, finished_days_ago=30)
    recent = make_job(status=JobStatus.SUCCEEDED, finished_days_ago=2, with_file=True)
    retrying = make_job(status=JobStatus.RETRYING)
    name = old.result_file.name
    assert storages["private"].exists(name)

    call_command("prune_jobs", verbosity=0)

    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, retrying.pk}
    assert not storages["private"].exists(name)
    assert storages["private"].exists(recent.result_file.name)
    assert not Job.objects.filter(pk=old_failed.pk).exists()
