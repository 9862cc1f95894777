"""Every limit the site counts has a rate: allauth would treat a missing one as
no limit at all."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.ratelimits import over_limit


@pytest.mark.parametrize(
    "action",
    [
        "certificate_verify",
        "certificate_email",
        "training_request",
        "organisation_invite",
        "organisation_remind",
        "session_checkin",
        "class_join",
    ],
)
def test_every_counted_action_has_a_rate(settings, action):
    assert settings.ACCOUNT_RATE_LIMITS[action]


def test_an_action_without_a_rate_is_refused_not_left_unlimited():
    request = RequestFactory().post("/")
    with pytest.raises(ImproperlyConfigured):
        over_limit(request, action="no_such_action")


def _sign_ins_refused(settings, *, forwarded_for: list[str]) -> list[bool]:
    """allauth's per-address login count for requests from one proxy."""
    from allauth.core.internal import ratelimit

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    refused = []
    for address in forwarded_for:
        request = RequestFactory().post(
            "/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
        )
        usage = ratelimit.consume(request, app="allauth.account", action="login")
        refused.append(usage is None)
    return refused


def test_behind_one_trusted_proxy_each_visitor_has_their_own_count(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    visitors = ["203.0.113.7", "198.51.100.2", "192.0.2.44", "203.0.113.8"]

    assert _sign_ins_refused(settings, forwarded_for=visitors) == [False] * 4
    again = ["203.0.113.7", "203.0.113.7"]
    assert _sign_ins_refused(settings, forwarded_for=again) == [False, True]


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    forged = ["203.0.113.7", "198.51.100.2", "192.0.2.44"]

    assert _sign_ins_refused(settings, forwarded_for=forged) == [False, False, True]


def test_a_school_signing_in_together_is_not_refused(settings):
    # Allauth's default of 30 a minute per address would refuse half of a
    # 60-person staff meeting on one school connection.
    limit = settings.ACCOUNT_RATE_LIMITS["login"]
    assert int(limit.split("/")[0]) >= 100 and limit.endswith("/m/ip")
