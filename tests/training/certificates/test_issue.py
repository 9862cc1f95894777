"""Issuing: once per learner, module and validity period; only when earned."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD, make_user
from tests.training.certificates.builders import (
    complete_module,
    finish_lessons,
    issue,
    make_certificate_module,
    pass_quiz,
)
from training.certificates.codes import (
    CertificateError,
    CertificateNotEarned,
    add_months,
)
from training.certificates.services import certificate_issue
from training.models import Certificate


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting", valid_for_months=12)


def log_in(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})


def test_a_completed_module_issues_a_certificate_with_its_facts(module):
    user = make_user(name="Dana Provider")
    complete_module(module, user=user, score="85")
    with time_machine.travel(
        timezone.make_aware(timezone.datetime(2026, 3, 31, 12)), tick=False
    ):
        certificate = issue(module, user, "  Dana   Q. Provider ")
    assert certificate.printed_name == "Dana Q. Provider"
    assert certificate.module_title == "Mandated reporting"
    assert certificate.audience.slug == "providers"
    assert certificate.score == Decimal("85")
    assert certificate.ce_hours == Decimal("1.5")
    assert certificate.issued_on == date(2026, 3, 31)
    assert certificate.expires_on == date(2027, 3, 30)
    assert certificate.period == 1
    assert certificate.status == "valid"
    assert len(certificate.code) == 32


def test_a_module_without_a_validity_period_issues_a_certificate_that_never_expires(
    home,
):
    module = make_certificate_module(valid_for_months=None)
    user = make_user()
    complete_module(module, user=user)
    assert issue(module, user).expires_on is None


def test_non_formal_audiences_get_a_record_without_ce_hours(home):
    module = make_certificate_module(audience="parents")
    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user)
    assert certificate.ce_hours == 0
    assert not certificate.for_youth


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


@pytest.mark.parametrize("step", ["nothing", "lessons only", "quiz only"])
def test_issuing_for_an_incomplete_module_is_denied(module, step):
    user = make_user()
    if step == "lessons only":
        finish_lessons(module, user=user)
    if step == "quiz only":
        pass_quiz(module, user=user)
    with pytest.raises(CertificateNotEarned):
        issue(module, user)
    assert not Certificate.objects.exists()


def test_a_failed_quiz_or_a_quiz_of_another_module_does_not_count(module, home):
    user = make_user()
    finish_lessons(module, user=user)
    attempt = pass_quiz(module, user=user)
    attempt.passed = False
    attempt.save()
    other = make_certificate_module()
    pass_quiz(other, user=user)
    with pytest.raises(CertificateNotEarned):
        issue(module, user)


def test_a_module_that_issues_no_certificates_refuses(home):
    module = make_certificate_module(issues_certificate=False)
    user = make_user()
    complete_module(module, user=user)
    with pytest.raises(CertificateError):
        issue(module, user)


@pytest.mark.parametrize("name", ["", "   ", "x" * 151, "Tab\tin\x07name"])
def test_a_bad_printed_name_changes_nothing(module, name):
    user = make_user()
    complete_module(module, user=user)
    with pytest.raises(CertificateError):
        certificate_issue(user=user, module=module, printed_name=name)
    assert not Certificate.objects.exists()


def test_issuing_twice_returns_the_same_certificate(module):
    user = make_user()
    complete_module(module, user=user)
    first = issue(module, user, "First Name")
    second = issue(module, user, "Other Name")
    assert first.pk == second.pk
    assert Certificate.objects.get().printed_name == "First Name"


def test_double_click_on_the_claim_button_issues_one(client, module):
    user = make_user()
    complete_module(module, user=user)
    log_in(client, user)
    url = f"/certificates/claim/{module.pk}/"
    responses = [client.post(url, {"printed_name": "Alex Learner"}) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert Certificate.objects.filter(user=user).count() == 1


def test_two_tabs_claim_with_different_names_issue_one(client, module):
    user = make_user()
    complete_module(module, user=user)
    log_in(client, user)
    url = f"/certificates/claim/{module.pk}/"
    first_tab = client.get(url)
    second_tab = client.get(url)
    assert b"Get your certificate" in first_tab.content
    assert b"Get your certificate" in second_tab.content
    client.post(url, {"printed_name": "Alex Learner"})
    client.post(url, {"printed_name": "Alexandra Learner"})
    assert list(Certificate.objects.values_list("printed_name", flat=True)) == [
        "Alex Learner"
    ]


def test_a_unique_constraint_backs_the_rule(module):
    from django.db import IntegrityError, transaction

    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            code="A" * 32,
            user=user,
            module=module,
            period=certificate.period,
            module_title="x",
            printed_name="x",
            audience=certificate.audience,
            ce_hours=0,
        )


def test_renewal_needs_a_quiz_passed_after_the_expiry(module):
    user = make_user()
    start = timezone.make_aware(timezone.datetime(2026, 1, 10, 12))
    with time_machine.travel(start, tick=False):
        complete_module(module, user=user)
        first = issue(module, user)
    assert first.expires_on == date(2027, 1, 9)

    with time_machine.travel(start + timedelta(days=200), tick=False):
        pass_quiz(module, user=user)  # passing again before expiry renews nothing
        assert issue(module, user).pk == first.pk

    after_expiry = timezone.make_aware(timezone.datetime(2027, 1, 12, 9))
    with time_machine.travel(after_expiry, tick=False):
        with pytest.raises(CertificateNotEarned):
            issue(module, user)  # the old passes were before the expiry
        pass_quiz(module, user=user, score="100")
        renewed = issue(module, user)
    assert renewed.pk != first.pk
    assert renewed.period == 2
    assert renewed.score == Decimal("100")
    assert renewed.expires_on == date(2028, 1, 11)


def test_a_revoked_certificate_is_not_reissued_by_the_learner(module, staff_groups):
    from training.certificates.services import certificate_revoke

    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user)
    certificate_revoke(certificate=certificate, by=None, reason="Duplicate account")
    assert issue(module, user).is_revoked
    assert Certificate.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks and threads"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_concurrent_completions_issue_one_certificate(home):
    module = make_certificate_module()
    user = make_user()
    complete_module(module, user=user)
    barrier = threading.Barrier(10)
    results, errors = [], []

    def claim():
        try:
            barrier.wait()
            results.append(issue(module, user).pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Certificate.objects.filter(user=user, module=module).count() == 1
    assert len(set(results)) == 1 and len(results) == 10
