"""A background job as people see it: one row however many times it is tried.

django-tasks keeps one result per attempt (DBTaskResult) and never retries;
a Job is what a trainer follows in the admin and what a ZIP's page polls:
what it is, who started it, how far it got, and how its last attempt ended.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

# A running attempt silent this long lost its worker (killed, out of memory):
# the longest real stretch without progress, 1,000 invitation emails, is minutes.
STALL_AFTER = timedelta(hours=1)


def private_storage():
    """Results hold personal data: a view that checks who asks hands them out."""
    return storages["private"]


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    RETRYING = "retrying", "Failed, will retry"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    kind = models.CharField(max_length=64)  # the task's name
    # What it is, in words a trainer may read: never a learner's name or email.
    label = models.CharField(max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    # The exception's class only: messages can quote addresses or names.
    error = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(storage=private_storage, blank=True, max_length=200)
    # Who may download result_file, on top of seeing the job ("app.codename").
    download_permission = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The running attempt's last sign of life: its start, then each progress saved.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at"], name="job_recent_idx")]

    def __str__(self):
        return self.label

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Running, but silent for longer than any attempt should be."""
        return (
            self.status == JobStatus.RUNNING
            and self.heartbeat_at is not None
            and self.heartbeat_at < timezone.now() - STALL_AFTER
        )

    @property
    def status_label(self) -> str:
        if self.is_stalled:
            return "Stalled: the worker stopped"
        return self.get_status_display()

    @property
    def attempts_label(self) -> str:
        return f"{self.attempts} of {self.max_attempts}"

    @property
    def progress_label(self) -> str:
        if self.total is None:
            return "" if not self.done else str(self.done)
        return f"{self.done} of {self.total}"

    def can_download(self, user) -> bool:
        if not (self.status == JobStatus.SUCCEEDED and self.result_file):
            return False
        return not self.download_permission or user.has_perm(self.download_permission)
