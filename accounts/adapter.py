"""How allauth treats our learners: where they go after signing up and
confirming, and the language their account and its emails speak."""

import logging
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.language import in_language_of
from config.cache_backends import cache_is_reachable

logger = logging.getLogger(__name__)


def is_site_path(url: str) -> bool:
    """An address on this site: a path, never another host or a scheme."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "login_paused": _(
            "Signing in is paused for a moment while we fix a problem on our "
            "side. Nothing was changed. Please try again in a minute."
        ),
    }

    def pre_authenticate(self, request, **credentials) -> None:
        """No login without the shared count of failed logins (fail closed).

        With the cache (Redis) down, allauth's limiter could not count across
        processes, so a password guesser would get a fresh allowance on every
        worker: the password is not even checked until the cache is back.
        """
        if not cache_is_reachable(cache):
            logger.error("Login refused: the rate-limit cache is unreachable")
            raise self.validation_error("login_paused")
        super().pre_authenticate(request, **credentials)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins count per address and account, never per account alone.

        allauth keys its per-account limit on the login only, so five failures
        from anywhere would lock the real owner out. (A private hook of the
        pinned allauth 65.22; tests/accounts/test_login_security.py holds it.)
        """
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}:{account}"

    def is_safe_url(self, url: str) -> bool:
        # allauth also accepts absolute URLs to our own hosts; a path is enough
        # for every redirect this site makes, and harder to get wrong.
        return bool(url) and is_site_path(url) and super().is_safe_url(url)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The link in the email carries the page the learner was starting, so a
        confirmation opened in another browser still leads back to it."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def save_user(self, request, user, form, commit=True):
        # The language the visitor signed up in is the one they read.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """An email about an account speaks the account's language (a reset
        requested from the English page still reaches a Spanish reader in
        Spanish); an address with no account gets the page's language."""
        user = context.get("user") or (
            get_user_model().objects.filter(email__iexact=email).first()
        )
        if user is None or not getattr(user, "pk", None):
            return super().send_mail(template_prefix, email, context)
        with in_language_of(user):
            return super().send_mail(template_prefix, email, context)
