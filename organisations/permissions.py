"""Who may see an organisation's records: its managers, and CAC trainers.

Every dashboard, export and manager action goes through `manager_required`,
so a view cannot forget the rule. A plain member (or anyone else) gets 404,
not 403: the page does not say that the organisation exists.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext

from organisations.models import Membership, Organisation, Role


def is_cac_trainer(user) -> bool:
    """CAC staff: they see every organisation (has_perm needs their second factor)."""
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def managed_organisations(user):
    """The organisations whose records the user may see."""
    if is_cac_trainer(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.MANAGER
    )


def is_manager_of(user, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        organisation=organisation, user=user, role=Role.MANAGER
    ).exists()


def manager_required(view):
    """`view(request, organisation, ...)` for managers of `organisation_id`
    (and trainers); a manager without a second factor is sent to enrol one."""

    @login_required
    @wraps(view)
    def wrapper(request, organisation_id, *args, **kwargs):
        user = request.user
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise Http404
        if not (is_cac_trainer(user) or is_manager_of(user, organisation)):
            raise Http404
        if not user.has_required_second_factor:
            # The dashboard shows other people's records: a password is not enough.
            messages.warning(
                request,
                gettext(
                    "Set up two-factor authentication (an authenticator app or a "
                    "security key) to open your organisation's dashboard."
                ),
            )
            return redirect("mfa_index")
        return view(request, organisation, *args, **kwargs)

    return wrapper
