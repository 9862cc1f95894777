"""Running jobs for real in tests: the database backend and its worker, in-process."""

import signal
import smtplib
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import time_machine
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from jobs.models import Job
from jobs.retry import job_task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What each attempt of `scripted` does, in order: an exception to raise, a
# function of the job to call, or a value to return. Tests fill it.
OUTCOMES: list = []


@job_task()
def scripted(job: Job):
    """A job task that does whatever the test scripted for this attempt."""
    outcome = OUTCOMES.pop(0)
    if callable(outcome):
        outcome = outcome(job)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def use_database_tasks(settings) -> None:
    """The database backend, for the worker to run, and nothing scripted yet."""
    settings.TASKS = DATABASE_TASKS
    OUTCOMES.clear()


def run_worker() -> None:
    """Run every job that is due now, as `manage.py db_worker --batch` does.

    The worker closes "old" connections between tasks; inside a test's
    transaction that would close the test's own (PostgreSQL), so that is off
    here, as Django's TestCase turns it off for requests.
    """
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            call_command(
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "--interval",
                "0",
                verbosity=0,
            )
    finally:
        for sig, handler in handlers.items():  # the worker installs its own
            signal.signal(sig, handler)


def run_worker_later(*, seconds: float) -> None:
    """Run the worker as if `seconds` had passed: retries wait with run_after."""
    with time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=False):
        run_worker()


class FlakyMailBackend(EmailBackend):
    """An SMTP server that is down for the next `failures` sends, then back."""

    failures = 0
    errors = (
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        ConnectionRefusedError(111, "Connection refused"),
    )
    attempts = 0

    def send_messages(self, messages):
        attempt = FlakyMailBackend.attempts
        FlakyMailBackend.attempts += 1
        if FlakyMailBackend.failures > 0:
            FlakyMailBackend.failures -= 1
            raise self.errors[attempt % len(self.errors)]
        return super().send_messages(messages)


def smtp_down_for(settings, *, failures: int) -> None:
    settings.EMAIL_BACKEND = "tests.jobs.helpers.FlakyMailBackend"
    FlakyMailBackend.failures = failures
    FlakyMailBackend.attempts = 0
    mail.outbox = []


def bulk_users(
    *,
    count: int,
    prefix: str,
    password: str = "unused",  # noqa: S107 - a test account's
    verified: bool = False,
) -> list:
    """`count` accounts, {prefix}{n}@example.org, inserted in bulk: one hash
    for all, since production's password hasher takes a third of a second."""
    from allauth.account.models import EmailAddress

    from accounts.models import User

    hashed = make_password(password)
    users = User.objects.bulk_create(
        User(
            email=f"{prefix}{index}@example.org",
            username=f"{prefix}{index}",
            name=f"Learner {index:04d}",
            password=hashed,
        )
        for index in range(count)
    )
    if verified:  # able to sign in (email verification is mandatory)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        )
    return users


def bulk_certificates(module, *, count: int, prefix: str = "learner"):
    """`count` learners with a certificate each, inserted in bulk (no rendering)."""
    from training.certificates.codes import code_generate
    from training.models import Certificate

    users = bulk_users(count=count, prefix=prefix)
    now, audience = timezone.now(), module.audience
    return Certificate.objects.bulk_create(
        Certificate(
            code=code_generate(),
            user=user,
            module=module,
            module_title=module.title,
            printed_name=user.name,
            audience=audience,
            ce_hours=Decimal("1.5"),
            score=Decimal("90"),
            issued_at=now - timedelta(minutes=index),
        )
        for index, user in enumerate(users)
    )
