"""Responses that several apps' views and pages give a learner."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext


def private_response(response):
    """Never cache this response, even for a visitor with no learner state.

    LearnerMiddleware already marks every page a signed-in or progressing
    learner sees; this is for the rest (certificate lookups and downloads).
    """
    patch_cache_control(response, private=True, no_store=True)
    return response


def ask_to_log_in(request, *, next_url: str):
    """Where a trainer switched anonymous learning off for the audience."""
    messages.info(
        request,
        gettext(
            "This training records your progress and earns a certificate, so it "
            "needs an account. Sign up or log in to start; you can keep reading the "
            "module page."
        ),
    )
    return redirect_to_login(next_url)
