"""One learner, three languages: the same progress, attempts and certificates."""

from datetime import timedelta

import pytest
from django.core import mail
from wagtail.models import Locale, Site

from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import answer_key
from tests.training.certificates.builders import complete_module, issue
from tests.training.certificates.test_pdf import pdf_text
from training.certificates.pdf import document_for_certificate, render_certificate_pdf
from training.certificates.services import (
    certificate_email_send,
    renewal_reminders_send,
)
from training.models import LessonCompletion, TrainingModulePage


def module_in(language: str) -> TrainingModulePage:
    return TrainingModulePage.objects.get(
        locale__language_code=language, slug="understanding-exploitation"
    )


@pytest.fixture
def learner(client, translated_site):
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    return user


def test_a_lesson_finished_in_spanish_is_finished_in_english(client, learner):
    english, spanish = module_in("en"), module_in("es")
    for lesson in spanish.lessons():
        assert client.post(lesson.url).status_code == 302
    # The records hold the English pages, so every language sees them.
    assert set(
        LessonCompletion.objects.filter(user=learner).values_list("lesson", flat=True)
    ) == set(english.lessons().values_list("pk", flat=True))
    html = client.get(english.url).content.decode()
    assert "Take the final quiz" in html
    html = client.get(spanish.url).content.decode()
    assert f"/quizzes/start/{spanish.pk}/final/" in html


def test_an_attempt_started_in_spanish_is_graded_on_the_spanish_questions(
    client, learner
):
    spanish = module_in("es")
    for lesson in spanish.lessons():
        client.post(lesson.url)
    response = client.post(f"/es/quizzes/start/{spanish.pk}/final/")
    attempt = Attempt.objects.get(public_id=response["Location"].split("/")[-2])
    assert attempt.language == "es"
    assert all(q["prompt"].startswith("[es] ") for q in attempt.questions)
    # Switching language mid-quiz does not change the questions it froze.
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/").content.decode()
    assert attempt.questions[0]["prompt"] in html
    response = client.post(
        f"/es/quizzes/attempts/{attempt.public_id}/", answer_key(attempt)
    )
    attempt.refresh_from_db()
    assert attempt.passed and attempt.quiz.locale == Locale.get_default()
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="es">' in html and "[es] " in html
    # The English module counts it: the learner passed its quiz.
    assert "Completed" in client.get("/youth/").content.decode()


def spanish_certificate(learner):
    english = module_in("en")
    english.issues_certificate = True
    english.valid_for_months = 12
    english.save_revision().publish()
    complete_module(english, user=learner)
    certificate = issue(module_in("es"), learner, "Ana Aprendiz")
    assert certificate.module == english and certificate.language == "es"
    return certificate


def test_the_spanish_certificate_pdf_has_the_spanish_title(learner):
    certificate = spanish_certificate(learner)
    site = Site.objects.get(is_default_site=True)
    pages, text = pdf_text(
        render_certificate_pdf(document_for_certificate(certificate), site=site)
    )
    spanish_title = module_in("es").title
    assert spanish_title.startswith("[es] ")
    assert "".join(spanish_title.split()) in "".join(text.split())
    assert pages == 1 and "Ana Aprendiz" in text
    # The record itself stays English: employers verify one thing.
    assert certificate.module_title == module_in("en").title


def test_emails_speak_the_account_s_language(learner):
    certificate = spanish_certificate(learner)
    learner.language = "es"
    learner.save()
    site = Site.objects.get(is_default_site=True)
    mail.outbox.clear()
    certificate_email_send(certificate=certificate, site=site)
    (copy,) = mail.outbox
    assert module_in("es").title in copy.subject
    assert module_in("es").title in copy.body
    mail.outbox.clear()
    renewal_reminders_send(today=certificate.expires_on - timedelta(days=5))
    (reminder,) = mail.outbox
    assert module_in("es").title in reminder.subject
    assert module_in("es").url in reminder.body


def test_signing_up_in_spanish_makes_a_spanish_account_and_email(client, home):
    from accounts.models import User

    mail.outbox.clear()
    response = client.post(
        "/es/accounts/signup/",
        {
            "name": "Ana Aprendiz",
            "email": "ana@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="ana@example.org").language == "es"
    (confirmation,) = mail.outbox
    assert "Confirm" not in confirmation.subject  # allauth's Spanish words
    assert "/es/accounts/confirm-email/" in confirmation.body


def test_a_reset_asked_for_on_an_english_page_comes_in_the_account_s_language(
    client, home
):
    user = make_user(email="joana@example.org")
    user.language = "pt"
    user.save()
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "joana@example.org"})
    (reset,) = mail.outbox
    assert "Password Reset" not in reset.subject
    assert reset.subject.strip()
