"""Who sees background jobs: CAC trainers and reviewers (jobs.view_job).

A job's file needs its own permission on top (Job.download_permission): a
ZIP of certificates goes only to those who may view certificates.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from jobs.models import Job

job_permissions = ModelPermissionPolicy(Job)


def can_view_jobs(user) -> bool:
    return job_permissions.user_has_permission(user, "view")
