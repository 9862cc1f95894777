"""Login fails closed when the shared cache is unreachable: nothing is checked,
nothing changes, and the learner is told to try again in a minute."""

import pytest
from allauth.account.adapter import get_adapter
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from tests.factories import DEFAULT_PASSWORD, make_user
from tests.shared_state.test_cache_backend import CLOSED_PORT_CACHE


@pytest.fixture
def cache_down(settings):
    settings.CACHES = CLOSED_PORT_CACHE


def test_the_login_form_says_signing_in_is_paused(client, home, cache_down, caplog):
    user = make_user()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": DEFAULT_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert "Please try again in a minute" in response.text
    assert "_auth_user_id" not in client.session
    assert "Login refused: the rate-limit cache is unreachable" in caplog.text


def test_no_other_way_in_checks_a_password_without_the_count(db, cache_down):
    user = make_user()
    request = RequestFactory().post("/accounts/login/")
    with pytest.raises(ValidationError) as refused:
        get_adapter(request).authenticate(
            request, email=user.email, password=DEFAULT_PASSWORD
        )
    assert refused.value.code == "login_paused"
