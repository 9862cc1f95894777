"""SMTP down: the certificate is issued, the email job fails, retries, and goes
out once the mail server is back. Real database backend and worker."""

import io
from datetime import timedelta

import pypdf
import pytest
from django.core import mail
from django.utils import timezone

from jobs.models import Job, JobStatus
from jobs.retry import RETRY_DELAYS
from tests.factories import make_user
from tests.jobs.helpers import (
    DATABASE_TASKS,
    FlakyMailBackend,
    run_worker,
    run_worker_later,
    smtp_down_for,
)
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
)
from training.certificates.services import renewal_reminders_send
from training.models import Certificate, RenewalReminder

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting")


def test_email_me_a_copy_survives_the_mail_server_being_down(client, module, settings):
    smtp_down_for(settings, failures=2)
    learner = make_user(name="Robin Provider")
    client.force_login(learner)
    complete_module(module, user=learner)

    claimed = client.post(
        f"/certificates/claim/{module.pk}/", {"printed_name": "Robin Provider"}
    )
    assert claimed.status_code == 302
    certificate = Certificate.objects.get(user=learner)

    asked = client.post(f"/certificates/{certificate.code}/email/", follow=True)
    assert asked.status_code == 200
    assert f"A copy is on its way to {learner.email}." in asked.content.decode()
    assert FlakyMailBackend.attempts == 0  # nothing was sent inside the request
    job = Job.objects.get(kind="certificate_email_job")
    assert job.started_by == learner and job.status == JobStatus.QUEUED

    run_worker()  # SMTP down: the first attempt fails
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RETRYING, 1)
    assert job.error == "smtplib.SMTPServerDisconnected"
    assert mail.outbox == []

    run_worker_later(seconds=RETRY_DELAYS[0] + 1)  # still down
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RETRYING, 2)
    assert job.error == "builtins.ConnectionRefusedError"

    run_worker_later(seconds=RETRY_DELAYS[0] + RETRY_DELAYS[1] + 2)  # back
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.SUCCEEDED, 3, "")
    [message] = mail.outbox
    assert message.to == [learner.email]
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf" and filename.endswith(".pdf")
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Robin Provider" in text
    # The certificate was never in doubt.
    assert Certificate.objects.filter(pk=certificate.pk, revoked_at=None).exists()


def test_a_renewal_reminder_is_retried_not_lost(module, settings):
    smtp_down_for(settings, failures=1)
    learner = make_user(name="Robin Provider")
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=today + timedelta(days=5)
    )
    assert renewal_reminders_send(today=today) == 1  # queued, nothing sent yet
    assert RenewalReminder.objects.filter(certificate=certificate).count() == 1
    run_worker()
    assert mail.outbox == []
    run_worker_later(seconds=RETRY_DELAYS[0] + 1)
    [message] = mail.outbox
    assert message.to == [learner.email] and "5 days" in message.subject
    assert Job.objects.get(kind="email_send").status == JobStatus.SUCCEEDED


def test_invitations_wait_as_not_sent_then_go_when_the_server_is_back(home, settings):
    from organisations.models import Invitation
    from organisations.services.invitations import invitations_send
    from tests.organisations.builders import make_manager, make_organisation

    smtp_down_for(settings, failures=1)
    organisation = make_organisation(name="Fall River High")
    manager = make_manager(organisation)
    result = invitations_send(
        organisation=organisation,
        invited_by=manager,
        rows=[("nurse@example.org", None), ("coach@example.org", None)],
        site_url="http://testserver",
    )
    assert len(result.sent) == 2
    run_worker()
    assert not Invitation.objects.filter(sent_at__isnull=False).exists()
    job = Job.objects.get(kind="invitation_emails_send")
    assert (job.status, job.started_by) == (JobStatus.RETRYING, manager)
    assert "nurse@example.org" not in job.label + job.error

    run_worker_later(seconds=RETRY_DELAYS[0] + 1)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done) == (JobStatus.SUCCEEDED, 2, 2)
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coach@example.org",
        "nurse@example.org",
    ]
