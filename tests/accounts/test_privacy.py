"""A learner downloads their data and deletes their account from the account page."""

import json

import pytest

from accounts.models import User
from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import answer_key, make_quiz_module
from training.certificates.services import certificate_issue
from training.models import Certificate, LessonCompletion


@pytest.fixture
def learner_with_records(client, home):
    user = make_user(email="jo@example.org", name="Jo Provider")
    module = make_quiz_module(questions=2, lessons=2)
    module.issues_certificate = True
    module.save_revision().publish()
    client.force_login(user)
    for lesson in module.lessons():
        client.post(lesson.url)
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    attempt = Attempt.objects.get()
    client.post(response["Location"], answer_key(attempt))
    module.refresh_from_db()
    certificate = certificate_issue(
        user=user, module=module, printed_name="Jo Provider"
    )
    return user, certificate


def test_a_learner_downloads_everything_we_hold(client, learner_with_records):
    user, certificate = learner_with_records
    page = client.get("/accounts/my-data/")
    assert page.status_code == 200 and "Download my data" in page.content.decode()
    response = client.get("/accounts/my-data/?download=1")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["email"] == "jo@example.org"
    assert len(data["progress"]) == 2
    assert data["quiz_attempts"][0]["score"] == "100.0"
    assert data["certificates"][0]["code"] == certificate.display_code


def test_nobody_else_gets_my_data(client, learner_with_records):
    client.logout()
    assert client.get("/accounts/my-data/?download=1").status_code == 302
    client.force_login(make_user(email="other@example.org"))
    data = json.loads(client.get("/accounts/my-data/?download=1").content)
    assert data["progress"] == [] and data["certificates"] == []


def test_deleting_needs_the_password_and_changes_nothing_without_it(
    client, learner_with_records
):
    response = client.post("/accounts/delete/", {"password": "wrong-password"})
    assert response.status_code == 200
    assert "That password is not correct." in response.content.decode()
    assert User.objects.filter(email="jo@example.org").exists()


def test_deleting_removes_personal_data_but_the_certificate_still_verifies(
    client, learner_with_records
):
    user, certificate = learner_with_records
    response = client.post("/accounts/delete/", {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not LessonCompletion.objects.exists()
    assert not Attempt.objects.exists()
    certificate.refresh_from_db()
    assert certificate.user is None and certificate.revoked_at is None
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Jo Provider" in html and "jo@example.org" not in html
    assert "_auth_user_id" not in client.session


def test_deleting_can_revoke_the_certificates_too(client, learner_with_records):
    user, certificate = learner_with_records
    client.post(
        "/accounts/delete/", {"password": DEFAULT_PASSWORD, "revoke_certificates": "on"}
    )
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.revoked_at is not None
    assert "deleted their account" in certificate.revocation_reason
