"""The background jobs report: trainers and reviewers see what ran and failed."""

import pytest

from jobs.models import Job, JobStatus
from tests.factories import make_user
from tests.training.certificates.builders import make_trainer

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/jobs/"


def test_a_trainer_sees_failed_and_retried_jobs(client, staff_groups):
    trainer = make_trainer(staff_groups, name="Terry Trainer")
    Job.objects.create(
        kind="email_send",
        label="Assignment reminder",
        status=JobStatus.FAILED,
        attempts=5,
        max_attempts=5,
        error="smtplib.SMTPServerDisconnected",
        params={"to": ["secret-member@example.org"], "body": "Private body"},
    )
    Job.objects.create(
        kind="certificate_zip_build",
        label="ZIP of 40 certificates",
        started_by=trainer,
        status=JobStatus.RETRYING,
        attempts=1,
        done=10,
        total=40,
        error="builtins.OSError",
    )
    client.force_login(trainer)
    html = client.get(REPORT).content.decode()
    for shown in (
        "Assignment reminder",
        "Failed",
        "5 of 5",
        "smtplib.SMTPServerDisconnected",
        "ZIP of 40 certificates",
        "Failed, will retry",
        "10 of 40",
        "Terry Trainer",
    ):
        assert shown in html
    # What the job carries (addresses, message text) stays out of the report.
    assert "secret-member@example.org" not in html and "Private body" not in html
    home = client.get("/admin/").content.decode()
    assert REPORT in home  # the Reports menu links to it


def test_a_reviewer_sees_it_and_a_learner_does_not(client, staff_groups):
    reviewer = make_trainer(staff_groups)
    reviewer.groups.set([staff_groups["CAC reviewers"]])
    client.force_login(reviewer)
    assert client.get(REPORT).status_code == 200
    client.force_login(make_user(email="learner-report@example.org"))
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
