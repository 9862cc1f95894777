"""Learning without an account, for every audience, and keeping it at the end.

Walks what a parent and a nurse do: read and finish lessons, pass the quiz,
then sign up or log in at the certificate step and find everything still there.
"""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from accounts.models import User
from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, audience_page, make_module, make_user
from tests.quizzes.builders import answer_key, make_quiz
from tests.training.certificates.builders import complete_module
from training.models import Certificate, LessonCompletion


def confirmation_link(message) -> str:
    return re.search(r"https?://testserver(/accounts/confirm-email/\S+)", message.body)[
        1
    ]


def signup(client, *, next_url: str, email="pat@example.org", name="Pat Parent"):
    return client.post(
        f"/accounts/signup/?next={quote(next_url)}",
        {
            "name": name,
            "email": email,
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "next": next_url,
        },
    )


def module_with_quiz(audience: str, *, lessons: int = 3):
    module = make_module(
        parent=audience_page(audience), lessons=lessons, issues_certificate=True
    )
    module.quiz = make_quiz(questions=3)
    module.save_revision().publish()
    module.refresh_from_db()
    return module


def finish_every_lesson(client, module) -> None:
    for lesson in module.lessons():
        assert client.get(lesson.url).status_code == 200
        assert client.post(lesson.url).status_code == 302


def pass_the_quiz(client, module) -> Attempt:
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    assert response.status_code == 302
    attempt = Attempt.objects.get(public_id=response["Location"].split("/")[-2])
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt))
    attempt.refresh_from_db()
    assert attempt.passed
    return attempt


@pytest.mark.parametrize("audience", ["youth", "parents", "caregivers", "providers"])
def test_every_audience_reads_and_finishes_lessons_without_an_account(
    client, home, audience
):
    module = make_module(parent=audience_page(audience), lessons=2)
    finish_every_lesson(client, module)
    assert LessonCompletion.objects.filter(user=None).count() == 2
    assert "2 of 2 lessons finished" in client.get(module.url).content.decode()


def test_the_module_page_says_no_account_is_needed_until_the_certificate(client, home):
    module = module_with_quiz("providers")
    html = client.get(module.url).content.decode()
    assert (
        "No account needed to learn. Sign up at the end to get a certificate "
        "you can show an employer."
    ) in html
    assert "Sign up to start" not in html


def test_a_parent_finishes_anonymously_signs_up_and_finds_the_module_complete(
    client, home
):
    module = module_with_quiz("parents")
    finish_every_lesson(client, module)
    attempt = pass_the_quiz(client, module)
    claim_url = f"/certificates/claim/{module.pk}/"

    response = client.get(claim_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sign up to get your certificate" in html
    assert f"/accounts/signup/?next={claim_url}" in html

    assert signup(client, next_url=claim_url).status_code == 302
    user = User.objects.get(email="pat@example.org")
    # Everything done before moved to the account, nothing left behind.
    assert LessonCompletion.objects.filter(user=user).count() == 3
    assert not LessonCompletion.objects.filter(user=None).exists()
    attempt.refresh_from_db()
    assert attempt.user == user and attempt.passed

    response = client.post(confirmation_link(mail.outbox[-1]))
    assert response.status_code == 302 and response["Location"] == claim_url
    my_training = client.get("/my-training/").content.decode()
    completed = my_training.split('id="completed-heading"')[1]
    assert module.title in completed
    assert "Get your certificate" in completed


def test_a_provider_passes_anonymously_and_logs_in_at_the_certificate_step(
    client, home
):
    nurse = make_user(email="nurse@example.org", name="Robin Nurse")
    module = module_with_quiz("providers")
    finish_every_lesson(client, module)
    pass_the_quiz(client, module)
    claim_url = f"/certificates/claim/{module.pk}/"
    assert "Log in" in client.get(claim_url).content.decode()

    response = client.post(
        f"/accounts/login/?next={quote(claim_url)}",
        {"login": nurse.email, "password": DEFAULT_PASSWORD, "next": claim_url},
    )
    assert response["Location"] == claim_url
    html = client.get(claim_url).content.decode()
    assert 'value="Robin Nurse"' in html  # asked once: the name prefills
    client.post(claim_url, {"printed_name": "Robin Nurse"})
    certificate = Certificate.objects.get(user=nurse, module=module)
    assert certificate.score == 100
    assert LessonCompletion.objects.filter(user=nurse).count() == 3


def test_my_training_offers_the_certificate_of_a_passed_unclaimed_module(client, home):
    learner = make_user()
    module = module_with_quiz("providers")
    complete_module(module, user=learner)
    client.force_login(learner)
    html = client.get("/my-training/").content.decode()
    assert f'href="/certificates/claim/{module.pk}/">Get your certificate' in html

    client.post(f"/certificates/claim/{module.pk}/", {"printed_name": "Alex Learner"})
    html = client.get("/my-training/").content.decode()
    assert "Get your certificate" not in html
    certificate = Certificate.objects.get(user=learner)
    assert f"/certificates/{certificate.code}/download/" in html
    assert "Email me a copy" in html


def test_signup_from_a_lesson_confirms_into_that_lesson_logged_in(client, home):
    module = make_module(parent=audience_page("parents"), lessons=2)
    lesson = module.lessons().first()
    signup(client, next_url=lesson.url)
    link = confirmation_link(mail.outbox[-1])
    assert f"next={quote(lesson.url, safe='')}" in link

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == lesson.url
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="pat@example.org").pk
    )


def test_a_link_confirmed_in_another_browser_logs_in_then_returns(client, home):
    from django.test import Client

    module = make_module(parent=audience_page("parents"), lessons=2)
    lesson = module.lessons().first()
    signup(client, next_url=lesson.url)
    link = confirmation_link(mail.outbox[-1])

    other_browser = Client()
    response = other_browser.post(link)
    assert response["Location"] == f"/accounts/login/?next={quote(lesson.url, '')}"
    response = other_browser.post(
        response["Location"],
        {"login": "pat@example.org", "password": DEFAULT_PASSWORD, "next": lesson.url},
    )
    assert response["Location"] == lesson.url


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/path", "/\\evil.example"]
)
def test_a_next_pointing_off_site_is_ignored(client, home, elsewhere):
    signup(client, next_url=elsewhere)
    link = confirmation_link(mail.outbox[-1])
    assert "evil.example" not in link
    response = client.post(f"{link.split('?')[0]}?next={quote(elsewhere)}")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"].startswith("/")
