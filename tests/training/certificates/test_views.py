"""Learner pages: claiming, the module page box, My training, emailing, verifying."""

import io
from datetime import timedelta

import pypdf
import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from tests.factories import audience_page, make_module, make_user
from tests.training.certificates.builders import (
    complete_module,
    finish_lessons,
    issue,
    make_certificate_module,
)
from training.learners import ANONYMOUS_KEY
from training.models import Certificate


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting", valid_for_months=12)


@pytest.fixture
def learner(client, module):
    user = make_user(name="Robin Provider")
    client.force_login(user)
    return user


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_the_claim_form_is_prefilled_with_the_account_name(client, module, learner):
    complete_module(module, user=learner)
    response = client.get(f"/certificates/claim/{module.pk}/")
    assert response.status_code == 200
    assert 'value="Robin Provider"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_claiming_issues_the_certificate_with_the_confirmed_name(
    client, module, learner
):
    complete_module(module, user=learner)
    url = f"/certificates/claim/{module.pk}/"
    response = client.post(url, {"printed_name": "Robin A. Provider"})
    assert response.status_code == 302 and response["Location"] == url
    certificate = Certificate.objects.get(user=learner)
    assert certificate.printed_name == "Robin A. Provider"
    html = client.get(url).content.decode()
    assert "Download your certificate" in html
    assert f"/certificates/{certificate.code}/download/" in html
    assert certificate.display_code in html


def test_a_blank_name_gets_a_clear_message_and_changes_nothing(client, module, learner):
    complete_module(module, user=learner)
    response = client.post(f"/certificates/claim/{module.pk}/", {"printed_name": "  "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode() or (
        "Enter the name" in response.content.decode()
    )
    assert not Certificate.objects.exists()


def test_a_module_without_certificates_has_no_claim_page(client, home, learner):
    plain = make_module(parent=audience_page("providers"))
    assert client.get(f"/certificates/claim/{plain.pk}/").status_code == 404


def test_a_visitor_who_has_not_finished_is_told_what_is_left(client, module):
    response = client.get(f"/certificates/claim/{module.pk}/")
    assert response.status_code == 403
    assert "finished every lesson and passed the final quiz" in (
        response.content.decode()
    )


def test_the_download_is_a_private_pdf_attachment(client, module, learner):
    complete_module(module, user=learner)
    certificate = issue(module, learner, "Robin Provider")
    response = client.get(f"/certificates/{certificate.code}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="certificate-'
    )
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Robin Provider" in text and "Mandated reporting" in text


def test_my_training_lists_certificates_with_download_and_expiry(
    client, module, learner
):
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    html = client.get("/my-training/").content.decode()
    assert "Certificates" in html
    assert f"/certificates/{certificate.code}/download/" in html
    assert certificate.expires_on.strftime("%B %-d, %Y") in html
    assert "Email me a copy" in html


def test_email_me_a_copy_sends_the_pdf(client, module, learner):
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    assert client.get(f"/certificates/{certificate.code}/email/").status_code == 405
    response = client.post(f"/certificates/{certificate.code}/email/")
    assert response.status_code == 302 and response["Location"] == "/my-training/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert certificate.display_code in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".pdf") and mimetype == "application/pdf"
    assert "Mandated reporting" in pdf_text(content)


def test_emailing_copies_is_limited(client, module, learner):
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    for _ in range(7):
        client.post(f"/certificates/{certificate.code}/email/")
    assert len(mail.outbox) == 5


# ---------- The box on the module page ----------


def test_the_module_page_box_follows_the_learner(client, module, learner):
    html = client.get(module.url).content.decode()
    assert 'id="certificate-heading"' in html
    assert "pass the final quiz to get a certificate" in html

    complete_module(module, user=learner)
    html = client.get(module.url).content.decode()
    assert "Get your certificate" in html
    assert f"/certificates/claim/{module.pk}/" in html

    certificate = issue(module, learner)
    html = client.get(module.url).content.decode()
    assert "Download your certificate" in html
    assert (
        f"Valid until {certificate.expires_on:%B} {certificate.expires_on.day}" in html
    )


def test_a_module_that_issues_no_certificates_shows_no_box(client, home, learner):
    plain = make_module(parent=audience_page("providers"))
    assert 'id="certificate-heading"' not in client.get(plain.url).content.decode()


def test_after_expiry_the_page_offers_a_retake_then_a_new_certificate(
    client, module, learner
):
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    later = timezone.now() + timedelta(days=400)
    with time_machine.travel(later, tick=False):
        client.force_login(learner)
        html = client.get(module.url).content.decode()
        assert "Retake the final quiz" in html
        assert f"/quizzes/start/{module.pk}/final/" in html
        from tests.training.certificates.builders import pass_quiz

        pass_quiz(module, user=learner)
        html = client.get(module.url).content.decode()
        assert "Get your certificate" in html
        client.post(f"/certificates/claim/{module.pk}/", {"printed_name": "Robin"})
    assert Certificate.objects.filter(user=learner).count() == 2
    assert Certificate.objects.exclude(pk=certificate.pk).get().period == 2


# ---------- Anonymous (youth) learners ----------


@pytest.fixture
def youth_module(home):
    return make_certificate_module(audience="youth", title="Staying safe online")


def anonymous(client, key="anon-key-123"):
    session = client.session
    session[ANONYMOUS_KEY] = key
    session.save()
    return key


def test_an_anonymous_youth_downloads_an_unstored_unverifiable_certificate(
    client, youth_module
):
    key = anonymous(client)
    complete_module(youth_module, anonymous_key=key, score="100")
    url = f"/certificates/claim/{youth_module.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "we do not keep the name you type" in page.content.decode()

    response = client.post(url, {"printed_name": "Sam"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Sam" in text and "Staying safe online" in text
    assert "not verifiable" in text
    assert not Certificate.objects.exists()


def test_an_anonymous_youth_who_has_not_finished_gets_no_certificate(
    client, youth_module
):
    key = anonymous(client)
    finish_lessons(youth_module, anonymous_key=key)
    response = client.post(
        f"/certificates/claim/{youth_module.pk}/", {"printed_name": "Sam"}
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_the_module_page_offers_anonymous_youth_a_certificate(client, youth_module):
    key = anonymous(client)
    complete_module(youth_module, anonymous_key=key)
    assert "Get your certificate" in client.get(youth_module.url).content.decode()


# ---------- Verify form ----------


def test_the_verify_form(client, module, learner):
    response = client.get("/certificates/verify/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    bad = client.get("/certificates/verify/", {"code": "not-a-code"})
    assert bad.status_code == 400
    assert "32 letters and digits" in bad.content.decode()

    complete_module(module, user=learner)
    certificate = issue(module, learner)
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/certificates/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"


def test_an_expired_certificate_says_so(client, module, learner):
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    with time_machine.travel(timezone.now() + timedelta(days=400), tick=False):
        html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate has expired" in html


def test_an_unknown_code_is_not_found(client, home):
    response = client.get("/certificates/verify/" + "A" * 32 + "/")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
