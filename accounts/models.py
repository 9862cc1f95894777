from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class User(AbstractUser):
    """A learner or a trainer. Email is the login; the username is generated.

    Only a name and an email are collected: no date of birth, address or phone
    (minors use this site).
    """

    name = models.CharField(
        "full name",
        max_length=150,
        blank=True,
        help_text="Prefills the name printed on certificates.",
    )
    email = models.EmailField("email address", unique=True)
    # The language emails go out in: the one the learner signed up or last
    # switched to (accounts/language.py).
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    def get_full_name(self) -> str:
        return self.name or super().get_full_name() or self.email

    def __str__(self) -> str:
        return self.get_full_name()

    def holds_perm(self, perm: str, obj=None) -> bool:
        """What the user's groups grant, before the second-factor rule."""
        return super().has_perm(perm, obj)

    def has_perm(self, perm: str, obj=None) -> bool:
        # Every staff power needs the second factor, on whatever URL it is used
        # (the admin, but also e.g. downloading another learner's certificate).
        return self.holds_perm(perm, obj) and self.has_required_second_factor

    def has_module_perms(self, app_label: str) -> bool:
        return super().has_module_perms(app_label) and self.has_required_second_factor

    @cached_property
    def has_required_second_factor(self) -> bool:
        """TOTP or a security key enrolled, or none required (local development)."""
        if not getattr(settings, "REQUIRE_STAFF_MFA", True):
            return True
        return is_mfa_enabled(self, types=SECOND_FACTORS)
