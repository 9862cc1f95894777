"""Renewal reminders: 30 and 7 days before expiry, once each, never for the revoked."""

import io
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_user
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    pass_quiz,
)
from training.certificates.services import certificate_revoke
from training.models import RenewalReminder

ISSUED = timezone.make_aware(datetime(2026, 2, 10, 9))


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting", valid_for_months=12)


@pytest.fixture
def certificate(module):
    user = make_user(email="robin@example.org")
    with time_machine.travel(ISSUED, tick=False):
        complete_module(module, user=user)
        return issue(module, user, "Robin Provider")


def days_before_expiry(certificate, days: int):
    day = certificate.expires_on - timedelta(days=days)
    return time_machine.travel(
        timezone.make_aware(datetime.combine(day, time(6))), tick=False
    )


def run() -> int:
    before = len(mail.outbox)
    call_command("send_renewal_reminders", stdout=io.StringIO())
    return len(mail.outbox) - before


def test_one_email_per_threshold(certificate, module):
    assert str(certificate.expires_on) == "2027-02-09"
    with days_before_expiry(certificate, 31):
        assert run() == 0
    with days_before_expiry(certificate, 30):
        assert run() == 1
        assert run() == 0  # cron ran twice today
    with days_before_expiry(certificate, 20):
        assert run() == 0
    with days_before_expiry(certificate, 7):
        assert run() == 1
        assert run() == 0
    with days_before_expiry(certificate, 1):
        assert run() == 0
    with days_before_expiry(certificate, -1):
        assert run() == 0
    assert sorted(RenewalReminder.objects.values_list("days_before", flat=True)) == [
        7,
        30,
    ]

    first, second = mail.outbox
    assert first.to == ["robin@example.org"]
    assert "30 days" in first.subject and "7 days" in second.subject
    assert "February 9, 2027" in first.body
    assert module.get_full_url() in first.body


def test_a_missed_run_sends_only_the_nearest_threshold(certificate):
    with days_before_expiry(certificate, 5):
        assert run() == 1
    with days_before_expiry(certificate, 4):
        assert run() == 0
    assert list(RenewalReminder.objects.values_list("days_before", flat=True)) == [7]


def test_no_reminder_for_a_revoked_certificate(certificate):
    certificate_revoke(certificate=certificate, by=None, reason="Issued in error")
    for days in (30, 7):
        with days_before_expiry(certificate, days):
            assert run() == 0


def test_no_reminder_once_renewed(certificate, module):
    user = certificate.user
    renewal_day = timezone.make_aware(
        datetime.combine(certificate.expires_on + timedelta(days=1), time(10))
    )
    with time_machine.travel(renewal_day, tick=False):
        pass_quiz(module, user=user)
        renewed = issue(module, user)
    assert renewed.period == 2
    # The old certificate is past its thresholds anyway; the new one is a year away.
    with days_before_expiry(certificate, 7):
        assert run() == 0
    with days_before_expiry(renewed, 30):
        assert run() == 1


def test_a_renewed_certificate_gets_no_reminder_about_the_old_one(module):
    """A certificate superseded while still in its window is skipped."""
    from training.models import Certificate

    user = make_user()
    with time_machine.travel(ISSUED, tick=False):
        complete_module(module, user=user)
        old = issue(module, user)
    # A trainer-side re-issue (period 2) before the old one's reminders.
    Certificate.objects.create(
        code="B" * 32,
        user=user,
        module=module,
        period=2,
        module_title=old.module_title,
        printed_name=old.printed_name,
        audience=old.audience,
        ce_hours=old.ce_hours,
        expires_on=old.expires_on + timedelta(days=365),
    )
    with days_before_expiry(old, 30):
        assert run() == 0


def test_no_reminder_for_certificates_that_never_expire(home):
    module = make_certificate_module(valid_for_months=None)
    user = make_user()
    complete_module(module, user=user)
    issue(module, user)
    with time_machine.travel(timezone.now() + timedelta(days=3000), tick=False):
        assert run() == 0
