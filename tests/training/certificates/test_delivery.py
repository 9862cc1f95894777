"""What a certificate records of how the learner was trained (a live session's
format, date, place and trainer, or online and self-paced) and the optional
licence number; certificates issued before keep verifying and printing as they did."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from organisations.models import SessionFormat
from organisations.services.sessions import session_check_in
from tests.factories import make_user
from tests.organisations.builders import make_session, open_checkin
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    pass_quiz,
)
from tests.training.certificates.test_pdf import pdf_text
from training.certificates.codes import CertificateError, clean_licence_number
from training.certificates.pdf import document_for_certificate, render_certificate_pdf
from training.certificates.services import certificate_issue
from training.deliveries import DeliveryFormat
from training.models import Certificate

pytestmark = pytest.mark.django_db


def module_certificate(user) -> Certificate:
    return Certificate.objects.get(user=user)


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting of CSEC", lessons=2)


@pytest.fixture
def attended(module):
    """A learner checked in at an in-person session of the module yesterday."""
    trainer = make_user(name="Sam Trainer")
    starts = timezone.now() - timedelta(days=1)
    session = make_session(
        module=module,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Room 2, Fall River",
        trainer=trainer,
    )
    code = open_checkin(session, now=starts - timedelta(hours=1))
    learner = make_user(name="Casey Provider")
    session_check_in(user=learner, code=code, now=starts + timedelta(minutes=5))
    return session, learner


def test_attendance_and_the_quiz_issue_a_certificate_that_records_the_session(
    client, module, attended, site
):
    session, learner = attended
    claim = reverse("certificate_claim", args=[module.pk])
    client.force_login(learner)
    # Attendance alone finished the lessons; the quiz is still to pass.
    assert client.post(claim, {"printed_name": "Casey Provider"}).status_code == 403
    pass_quiz(module, user=learner)
    response = client.post(
        claim, {"printed_name": "Casey Provider", "licence_number": "LICSW 112233"}
    )
    assert response.status_code == 302
    certificate = module_certificate(learner)
    assert certificate.delivery_format == DeliveryFormat.LIVE_IN_PERSON
    assert certificate.session_date == timezone.localdate(session.starts_at)
    assert certificate.session_place == "Room 2, Fall River"
    assert certificate.session_trainer == "Sam Trainer"

    verify = client.get(reverse("certificate_verify_code", args=[certificate.code]))
    html = verify.content.decode()
    assert "live, in person" in html
    assert "Room 2, Fall River" in html and "Sam Trainer" in html

    # Everything together still fits the one page.
    pages, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    assert pages == 1
    assert "LICSW 112233" in text and "live, in person" in text
    assert "Room 2, Fall River" in text and "Sam Trainer" in text


def test_an_online_session_prints_its_format_date_and_trainer(module, site):
    trainer = make_user(name="Robin Online")
    starts = timezone.now() - timedelta(hours=3)
    session = make_session(
        module=module,
        starts_at=starts,
        format=SessionFormat.ONLINE,
        place="",
        trainer=trainer,
    )
    learner = make_user()
    code = open_checkin(session, now=starts - timedelta(hours=1))
    session_check_in(user=learner, code=code, now=starts)
    pass_quiz(module, user=learner)
    certificate = issue(module, learner)
    assert certificate.delivery_format == DeliveryFormat.LIVE_ONLINE
    _, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    assert "live, online" in text
    assert "Robin Online" in text
    assert certificate.session_date.strftime("%B %-d, %Y") in text


def test_self_paced_learning_is_recorded_as_such(module, site):
    learner = make_user()
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    assert certificate.delivery_format == DeliveryFormat.SELF_PACED
    assert certificate.session_date is None and not certificate.session_place
    pages, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    assert pages == 1 and "online, self-paced" in text


# ---------- Licence or registration number ----------


def test_the_licence_number_is_printed_and_shown_on_verification(client, module, site):
    learner = make_user()
    complete_module(module, user=learner)
    client.force_login(learner)
    claim = reverse("certificate_claim", args=[module.pk])
    assert "Licence or registration number" in client.get(claim).content.decode()
    response = client.post(
        claim, {"printed_name": "Casey Provider", "licence_number": " RN  123-456.7 "}
    )
    assert response.status_code == 302
    certificate = module_certificate(learner)
    assert certificate.licence_number == "RN 123-456.7"

    pages, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    assert pages == 1
    assert "RN 123-456.7" in text
    verify = client.get(reverse("certificate_verify_code", args=[certificate.code]))
    assert "RN 123-456.7" in verify.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("RN\u202e654321", "invisible or text-direction"),
        ("RN\u200b123", "invisible or text-direction"),
        ("<b>RN</b>", "Use only letters, digits"),
        ("RN_123", "Use only letters, digits"),
        ("9" * 41, "at most 40 characters"),
    ],
)
def test_a_bad_licence_number_is_refused_with_a_clear_message(typed, message):
    with pytest.raises(CertificateError, match=message):
        clean_licence_number(typed)


def test_letters_of_any_script_are_fine_and_empty_is_optional():
    assert clean_licence_number("CRM-ÁÉ 12.3") == "CRM-ÁÉ 12.3"
    assert clean_licence_number("   ") == ""


def test_the_claim_form_refuses_a_bad_number_and_issues_nothing(client, module):
    learner = make_user()
    complete_module(module, user=learner)
    client.force_login(learner)
    response = client.post(
        reverse("certificate_claim", args=[module.pk]),
        {"printed_name": "Casey Provider", "licence_number": "RN\u202e1"},
    )
    assert response.status_code == 400
    assert "text-direction" in response.content.decode()
    assert not Certificate.objects.filter(user=learner).exists()


def test_youth_are_never_asked_for_a_licence_number(home):
    module = make_certificate_module(audience="youth")
    learner = make_user()
    complete_module(module, user=learner)
    certificate = certificate_issue(
        user=learner, module=module, printed_name="Sam", licence_number="RN 1"
    )
    assert certificate.licence_number == ""


# ---------- Certificates issued before ----------


def test_an_old_certificate_with_blank_fields_verifies_and_prints_as_before(
    client, module, site
):
    learner = make_user()
    complete_module(module, user=learner)
    certificate = issue(module, learner, "Jordan Q. Public")
    # As issued before formats were recorded: every new field blank.
    Certificate.objects.filter(pk=certificate.pk).update(
        delivery_format="",
        session_date=None,
        session_place="",
        session_trainer="",
        licence_number="",
    )
    certificate.refresh_from_db()

    response = client.get(reverse("certificate_verify_code", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid" in html and "Jordan Q. Public" in html
    for new in ["Format", "Session", "Trainer", "Licence or registration number"]:
        assert f"<dt>{new}</dt>" not in html

    pages, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    assert pages == 1
    assert "Jordan Q. Public" in text and certificate.display_code in text
    for new in ["Format:", "Session:", "Trainer:", "Licence or registration number"]:
        assert new not in text
