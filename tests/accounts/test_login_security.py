"""SECURITY.md, accounts and sessions: enumeration, brute force, redirects, sessions."""

import pytest
from django.core import mail

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, make_user


def login(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post(
        "/accounts/login/", {"login": email, "password": password, **extra}
    )


def test_login_answers_the_same_for_known_and_unknown_emails(client, home):
    make_user(email="known@example.org")
    known = login(client, "known@example.org", "wrong-password-1")
    unknown = login(client, "nobody@example.org", "wrong-password-1")
    assert known.status_code == unknown.status_code == 200
    message = "The email address and/or password you specified are not correct."
    assert message in known.content.decode() and message in unknown.content.decode()


def test_signup_answers_the_same_for_a_taken_email(client, home):
    make_user(email="taken@example.org")
    form = {"name": "A", "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD}
    taken = client.post("/accounts/signup/", {**form, "email": "taken@example.org"})
    client.cookies.clear()
    fresh = client.post("/accounts/signup/", {**form, "email": "fresh@example.org"})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email="taken@example.org").count() == 1
    # The owner of the taken address is told by email, not the visitor on screen.
    assert {m.to[0] for m in mail.outbox} == {"taken@example.org", "fresh@example.org"}


def test_repeated_failed_logins_get_429(client, home):
    make_user(email="target@example.org")
    statuses = [
        login(client, "target@example.org", f"guess-{n}").status_code for n in range(8)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    "next_url",
    ["https://elsewhere.example/", "//elsewhere.example/", "http:/\\evil.example"],
)
def test_next_cannot_redirect_off_site(client, home, next_url):
    make_user(email="learner@example.org")
    response = login(client, "learner@example.org", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_next_on_the_site_is_followed(client, home):
    make_user(email="learner@example.org")
    response = login(client, "learner@example.org", next="/providers/")
    assert response["Location"] == "/providers/"


def test_the_session_key_rotates_on_login_and_logout_ends_it(client, home):
    make_user(email="learner@example.org")
    client.get("/accounts/login/")
    client.session["warm"] = True
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    login(client, "learner@example.org")
    after = client.session.session_key
    assert after != before

    client.post("/accounts/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=after).exists()
    client.cookies["sessionid"] = after
    assert client.get("/my-training/").status_code == 302  # the old key is dead


def test_learner_pages_are_private_and_not_stored(client, home):
    client.force_login(make_user())
    for url in ("/", "/youth/", "/my-training/", "/accounts/email/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_public_pages_for_readers_stay_cacheable(client, home):
    assert "no-store" not in client.get("/youth/").get("Cache-Control", "")


def test_no_personal_fields_beyond_name_and_email():
    fields = {f.name for f in User._meta.get_fields()}
    for forbidden in ("date_of_birth", "birth_date", "dob", "age", "address", "phone"):
        assert forbidden not in fields
