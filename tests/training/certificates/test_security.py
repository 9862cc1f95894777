"""The certificate rows of SECURITY.md: guessing, over-disclosure, revocation, IDOR."""

import re

import pytest
import time_machine
from django.test import Client
from wagtail.models import ModelLogEntry

from tests.factories import make_user
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    make_trainer,
)
from training.certificates import codes
from training.certificates.codes import CODE_BYTES, CertificateError, code_generate
from training.certificates.selectors import certificate_lookup
from training.certificates.services import certificate_revoke
from training.models import Certificate


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting")


@pytest.fixture
def certificate(module):
    user = make_user(email="dana@example.org", username="dana", name="Dana Provider")
    complete_module(module, user=user)
    return issue(module, user, "Dana Provider")


def result_section(response) -> str:
    """The verify page's result card, without the site's navigation and footer."""
    html = response.content.decode()
    match = re.search(r'<section class="card stack".*?</section>', html, re.S)
    return match.group(0) if match else ""


# ---------- Guessable codes ----------


def test_codes_come_from_secrets_with_at_least_128_bits(monkeypatch):
    assert CODE_BYTES * 8 >= 128
    calls = []

    def fake_token_bytes(count):
        calls.append(count)
        return b"\x00" * count

    monkeypatch.setattr(codes.secrets, "token_bytes", fake_token_bytes)
    assert code_generate() == "A" * 32
    assert calls == [CODE_BYTES]


def test_ten_thousand_issued_codes_are_unique_and_random_codes_verify_none(certificate):
    codes = [code_generate() for _ in range(10_000)]
    assert len(set(codes)) == 10_000
    assert all(re.fullmatch(r"[A-Z2-7]{32}", code) for code in codes)
    Certificate.objects.bulk_create(
        Certificate(
            code=code,
            module_title="Bulk",
            printed_name="Bulk Learner",
            audience=certificate.audience,
            ce_hours=0,
        )
        for code in codes
    )  # the unique index accepts all 10,000
    guesses = [code_generate() for _ in range(10_000)]
    assert not Certificate.objects.filter(code__in=guesses).exists()
    assert all(certificate_lookup(raw_code=guess) is None for guess in guesses)


def test_codes_match_ignoring_case_spaces_and_dashes(client, certificate):
    typed = " ".join(certificate.display_code.lower().split("-"))
    assert certificate_lookup(raw_code=typed) == certificate
    url = f"/certificates/verify/{certificate.display_code.lower()}/"
    assert "This certificate is valid" in client.get(url).content.decode()


@time_machine.travel("2026-05-04 10:00:05Z", tick=False)  # one fixed one-minute window
def test_the_verify_endpoint_is_rate_limited_per_address(client, certificate, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "certificate_verify": "5/m/ip",
    }
    url = f"/certificates/verify/{code_generate()}/"
    statuses = [client.get(url).status_code for _ in range(6)]
    assert statuses == [404] * 5 + [429]
    limited = client.get(f"/certificates/verify/{certificate.code}/")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert limited["X-Robots-Tag"] == "noindex"
    assert "Dana" not in limited.content.decode()
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(f"/certificates/verify/{certificate.code}/").status_code == 200


def test_the_default_limit_is_twenty_a_minute(client, home):
    url = f"/certificates/verify/{code_generate()}/"
    with time_machine.travel("2026-05-04 10:00:05Z", tick=False):
        statuses = [client.get(url).status_code for _ in range(21)]
    assert statuses.count(429) == 1 and statuses[-1] == 429
    with time_machine.travel("2026-05-04 10:01:05Z", tick=False):
        assert client.get(url).status_code == 404  # a new minute, a new allowance


# ---------- Over-disclosure ----------


def test_the_verify_page_shows_the_facts_and_is_not_indexed(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    section = result_section(response)
    assert "This certificate is valid" in section
    assert "Dana Provider" in section and "Mandated reporting" in section
    assert "dana@example.org" not in response.content.decode()


def test_a_youth_certificate_discloses_only_a_first_name(client, home):
    module = make_certificate_module(audience="youth", title="Staying safe online")
    teen = make_user(email="taylor.smith@example.org", username="tsmith15", name="T")
    complete_module(module, user=teen)
    certificate = issue(module, teen, "Taylor Marie Smith")
    assert certificate.for_youth

    response = client.get(f"/certificates/verify/{certificate.code}/")
    html, section = response.content.decode(), result_section(response)
    assert "This certificate is valid" in section
    assert "Taylor" in section and "Staying safe online" in section
    for private in ("Marie", "Smith", "taylor.smith@example.org", "tsmith15", "Youth"):
        assert private not in section
    for private in ("Marie", "Smith", "taylor.smith", "tsmith15"):
        assert private not in html
    assert not re.search(r"\bage\b|\baged\b", section, re.I)
    assert response["X-Robots-Tag"] == "noindex"


def test_the_audience_label_is_not_shown_for_adults_either(client, certificate):
    section = result_section(client.get(f"/certificates/verify/{certificate.code}/"))
    assert "Providers" not in section


# ---------- Revocation ----------


def test_a_revoked_certificate_stops_verifying_and_the_record_stays(
    client, certificate, staff_groups
):
    trainer = make_trainer(staff_groups)
    certificate_revoke(certificate=certificate, by=trainer, reason="Issued in error")

    response = client.get(f"/certificates/verify/{certificate.code}/")
    section = result_section(response)
    assert "This certificate is not valid: it was revoked" in section
    assert "is valid" not in section.replace("is not valid", "")
    assert "Issued in error" not in response.content.decode()

    certificate.refresh_from_db()
    assert certificate.revoked_by == trainer
    assert certificate.revoked_at is not None
    assert certificate.revocation_reason == "Issued in error"
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    entry = ModelLogEntry.objects.get(action="training.certificate.revoke")
    assert entry.user == trainer
    assert entry.object_id == str(certificate.pk)
    assert entry.data["reason"] == "Issued in error"


def test_revoking_needs_a_reason_and_happens_once(certificate):
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, by=None, reason="  ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    certificate_revoke(certificate=certificate, by=None, reason="Fraud")
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, by=None, reason="Again")
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Fraud"


# ---------- Someone else's certificate ----------


def test_another_learner_downloading_or_emailing_gets_404(client, certificate):
    client.force_login(make_user(email="other@example.org"))
    assert client.get(f"/certificates/{certificate.code}/download/").status_code == 404
    assert client.post(f"/certificates/{certificate.code}/email/").status_code == 404
    missing = f"/certificates/{code_generate()}/download/"
    assert client.get(missing).status_code == 404


def test_the_owner_and_trainers_may_download(client, certificate, staff_groups):
    client.force_login(certificate.user)
    response = client.get(f"/certificates/{certificate.code}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.force_login(make_trainer(staff_groups))
    assert client.get(f"/certificates/{certificate.code}/download/").status_code == 200


def test_a_visitor_must_log_in_to_download(client, certificate):
    response = client.get(f"/certificates/{certificate.code}/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_revoked_certificate_cannot_be_downloaded_by_its_owner(client, certificate):
    certificate_revoke(certificate=certificate, by=None, reason="Fraud")
    client.force_login(certificate.user)
    assert client.get(f"/certificates/{certificate.code}/download/").status_code == 404


def test_claiming_an_incomplete_module_is_denied(client, module):
    client.force_login(make_user())
    url = f"/certificates/claim/{module.pk}/"
    response = client.post(url, {"printed_name": "Alex Learner"})
    assert response.status_code == 403
    assert (
        "finished every lesson and passed the final quiz" in response.content.decode()
    )
    assert not Certificate.objects.exists()


def test_a_failed_pdf_render_loses_nothing_and_can_be_retried(
    client, certificate, monkeypatch
):
    """SECURITY.md, half-finished state: the grade and certificate stay; retry works."""
    from quizzes.models import Attempt
    from training.certificates import stored

    real_render = stored.render_certificate_pdf
    calls = []

    def fails_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("renderer crashed")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(stored, "render_certificate_pdf", fails_once)
    client.force_login(certificate.user)
    url = f"/certificates/{certificate.code}/download/"

    response = client.get(url, follow=True)
    assert "could not be made just now" in response.content.decode()
    assert Certificate.objects.filter(pk=certificate.pk, revoked_at=None).exists()
    assert Attempt.objects.filter(user=certificate.user, passed=True).exists()

    retry = client.get(url)
    assert retry.status_code == 200
    assert retry["Content-Type"] == "application/pdf"
