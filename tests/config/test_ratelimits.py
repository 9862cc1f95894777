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
