"""Confirming an email address: back to the page the learner was starting."""

from urllib.parse import urlencode

from allauth.account.views import ConfirmEmailView
from django.urls import reverse


class ConfirmEmailReturningView(ConfirmEmailView):
    """After confirming, go where the learner was going, logged in.

    In the browser they signed up in, allauth logs them in and follows their
    `next` itself. Confirmed elsewhere (a mail app's own browser), they must
    log in first; the login page then carries the same `next`.
    """

    def get_redirect_url(self) -> str:
        next_url = self.get_next_url()
        if next_url and not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        return super().get_redirect_url()
