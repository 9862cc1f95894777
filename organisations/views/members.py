"""A member's own pages: my organisations, joining with an invitation, leaving.

Thin: services decide, these parse the request and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from organisations.models import InvitationKind, Membership
from organisations.selectors.memberships import (
    memberships_for,
    modules_shared_on_joining,
)
from organisations.services.invitations import (
    WRONG_EMAIL,
    InvitationError,
    invitation_accept,
    invitation_for_token,
    invitation_problem,
)
from organisations.services.memberships import MembershipError, membership_leave


@login_required
def my_organisations(request):
    return render(
        request,
        "organisations/members/my_organisations.html",
        {"memberships": list(memberships_for(user=request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def join(request, token: str):
    """Before joining, the learner reads what the organisation will see."""
    invitation = invitation_for_token(token=token)
    problem = invitation_problem(invitation=invitation, user=request.user)
    if problem:
        return _invitation_unusable(request, problem, invitation)
    membership = Membership.objects.filter(
        organisation=invitation.organisation, user=request.user
    ).first()
    if request.method == "POST" and membership is None:
        try:
            invitation_accept(token=token, user=request.user)
        except InvitationError as error:
            return _invitation_unusable(request, error.message, invitation)
        messages.success(
            request,
            gettext("You have joined %(organisation)s.")
            % {"organisation": invitation.organisation.name},
        )
        return redirect("organisations:mine")
    if membership is not None:
        messages.info(
            request,
            gettext("You are already a member of %(organisation)s.")
            % {"organisation": invitation.organisation.name},
        )
        return redirect("organisations:mine")
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "modules": modules_shared_on_joining(invitation=invitation),
        "is_link": invitation.kind == InvitationKind.LINK,
    }
    return render(request, "organisations/members/join.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, organisation_id: int):
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation_id=organisation_id, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    organisation = membership.organisation
    if request.method == "POST":
        try:
            membership_leave(organisation=organisation, user=request.user)
        except MembershipError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext(
                    "You have left %(organisation)s. It no longer sees your training."
                )
                % {"organisation": organisation.name},
            )
        return redirect("organisations:mine")
    return render(
        request,
        "organisations/members/leave.html",
        {"membership": membership, "organisation": organisation},
    )


def _invitation_unusable(request, problem, invitation):
    # Gone for good (410) unless it never existed (404) or is someone else's (403).
    if invitation is None:
        status = 404
    elif problem == WRONG_EMAIL:
        status = 403
    else:
        status = 410
    return render(
        request,
        "organisations/members/invitation_unusable.html",
        {"problem": problem},
        status=status,
    )
