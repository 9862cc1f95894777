"""Staff must enrol a second factor before the admin opens."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext

from config.paths import ADMIN_PREFIX


class StaffMFAMiddleware:
    """Send anyone who can reach the admin to set up TOTP or a security key first.

    Staff accounts decide what thousands of people are taught; a password alone
    is not enough. `REQUIRE_STAFF_MFA = False` (local development only) skips it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            messages.warning(
                request,
                gettext(
                    "Set up two-factor authentication (an authenticator app or a "
                    "security key) to open the CMS. Keep your recovery codes safe."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if not getattr(settings, "REQUIRE_STAFF_MFA", True):
            return False
        if not request.path_info.startswith(ADMIN_PREFIX):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        # holds_perm: has_perm itself is False until the second factor is set up.
        can_reach_admin = user.is_superuser or user.holds_perm(
            "wagtailadmin.access_admin"
        )
        return can_reach_admin and not user.has_required_second_factor
