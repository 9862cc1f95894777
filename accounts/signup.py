"""allauth's signup form, hardened against account enumeration and email squatting.

Kept apart from accounts/forms.py, which allauth imports while building this
very base class (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.account.forms import SignupForm
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password


def release_unverified_claims(*, email: str) -> int:
    """Forget other accounts' unverified secondary copies of `email`.

    Anyone can type someone else's address into their own account; until it is
    verified it proves nothing, and it must not stop the real owner signing up
    (the owner, who can verify it, wins). Primary addresses are left alone.
    """
    deleted, _ = (
        EmailAddress.objects.filter(email__iexact=email, verified=False, primary=False)
        .exclude(user__email__iexact=email)
        .delete()
    )
    return deleted


class EnumerationSafeSignupForm(SignupForm):
    def validate_unique_email(self, value):
        release_unverified_claims(email=value)
        return super().validate_unique_email(value)

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs a password hash; without one, the "already
            # registered" answer comes back 30 times faster and names the
            # address as taken. Do the same work either way.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
