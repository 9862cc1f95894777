import re

from django.core import mail

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, make_user


def confirmation_link(message) -> str:
    return re.search(
        r"https?://testserver(/accounts/confirm-email/[^\s]+/)", message.body
    )[1]


def test_signup_verify_login_logout(client, home):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Jordan Provider",
            "email": "jordan@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="jordan@example.org")
    assert user.name == "Jordan Provider"

    # Mandatory verification: no login until the emailed link is confirmed.
    assert len(mail.outbox) == 1
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "jordan@example.org", "password": DEFAULT_PASSWORD},
    )
    assert "_auth_user_id" not in client.session
    assert response["Location"] == "/accounts/confirm-email/"

    link = confirmation_link(mail.outbox[0])
    assert (
        client.get(link).status_code == 200
    )  # a page with a button, not a GET side effect
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    response = client.post(
        "/accounts/login/",
        {"login": "jordan@example.org", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signup_requires_a_name(client, home):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "a@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "This field is required" in response.content.decode()


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, home):
    make_user(email="known@example.org")

    known = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Both addresses get an email, so the mailbox does not reveal who has an account.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "known@example.org",
        "nobody@example.org",
    ]
    assert "reset" in mail.outbox[0].body.lower()


def test_wrong_password_gets_a_clear_message_and_no_session(client, home):
    make_user(email="learner@example.org")
    response = client.post(
        "/accounts/login/",
        {"login": "learner@example.org", "password": "wrong-password"},
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session
