"""A manager's (or CAC trainer's) invitation pages: one address, a list or CSV
with a preview to confirm, shareable links, and pending invitations.

Every view is wrapped by `manager_required`: a manager of another organisation,
a plain member or a stranger gets 404.
"""

from dataclasses import replace

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from config.ratelimits import over_limit
from organisations.forms.invitations import (
    BulkConfirmForm,
    BulkInviteForm,
    InviteEmailForm,
    InviteLinkForm,
)
from organisations.invite_csv import (
    ParsedInvites,
    as_lines,
    check_groups,
    parse_csv,
    parse_pasted,
)
from organisations.models import Invitation, InvitationKind, MemberGroup
from organisations.permissions import manager_required
from organisations.services.invitations import (
    InvitationError,
    SendResult,
    invitation_link_create,
    invitation_resend,
    invitation_revoke,
    invitations_send,
    join_path,
    pending_invitations,
)

TOO_MANY = "organisation_invite"  # the rate limit's action in ACCOUNT_RATE_LIMITS


@manager_required
@require_GET
def invitations(request, organisation):
    return _page(request, organisation)


@manager_required
@require_POST
def invite_email(request, organisation):
    form = InviteEmailForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _page(request, organisation, email_form=form, status=400)
    if _over_limit(request):
        return _page(request, organisation, email_form=form, status=429)
    result = invitations_send(
        organisation=organisation,
        invited_by=request.user,
        rows=[(form.cleaned_data["email"], form.cleaned_data.get("group"))],
        role=form.cleaned_data["role"],
        site_url=request.build_absolute_uri("/"),
    )
    _report(request, result)
    return redirect("organisations:invitations", organisation.pk)


@manager_required
@require_POST
def invite_bulk(request, organisation):
    """Parse and show the list; nothing is created or sent until it is confirmed."""
    form = BulkInviteForm(request.POST, request.FILES, organisation=organisation)
    if not form.is_valid():
        return _page(request, organisation, bulk_form=form, status=400)
    upload = form.cleaned_data.get("csv_file")
    if upload:
        parsed = parse_csv(upload.read())
    else:
        parsed = _with_group(
            parse_pasted(form.cleaned_data["addresses"]), form.cleaned_data.get("group")
        )
    parsed = check_groups(parsed, known=_groups_by_name(organisation))
    if parsed.refused:
        form.add_error("csv_file" if upload else "addresses", parsed.refused)
        return _page(request, organisation, bulk_form=form, status=400)
    confirm = BulkConfirmForm(
        initial={"payload": as_lines(parsed.rows), "role": form.cleaned_data["role"]}
    )
    context = {
        "organisation": organisation,
        "parsed": parsed,
        "confirm_form": confirm,
        "role": dict(form.fields["role"].choices)[form.cleaned_data["role"]],
    }
    status = 200 if parsed.rows else 400
    return render(
        request, "organisations/members/invite_preview.html", context, status=status
    )


@manager_required
@require_POST
def invite_bulk_confirm(request, organisation):
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The list was lost on the way: start again."))
        return redirect("organisations:invitations", organisation.pk)
    groups = _groups_by_name(organisation)
    # Parsed again: the preview is shown, but only what checks out now is sent.
    parsed = check_groups(
        parse_csv(form.cleaned_data["payload"].encode("utf-8")), known=groups
    )
    if not parsed.ok:
        messages.error(
            request,
            gettext("The list has changed since the preview: nothing was sent."),
        )
        return redirect("organisations:invitations", organisation.pk)
    if _over_limit(request):
        return redirect("organisations:invitations", organisation.pk)
    result = invitations_send(
        organisation=organisation,
        invited_by=request.user,
        rows=[(row.email, _group(groups, row.group)) for row in parsed.rows],
        role=form.cleaned_data["role"],
        site_url=request.build_absolute_uri("/"),
    )
    _report(request, result)
    return redirect("organisations:invitations", organisation.pk)


@manager_required
@require_POST
def invite_link(request, organisation):
    form = InviteLinkForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _page(request, organisation, link_form=form, status=400)
    invitation_link_create(
        organisation=organisation,
        invited_by=request.user,
        group=form.cleaned_data.get("group"),
        days=form.cleaned_data["days"],
    )
    messages.success(
        request,
        gettext("The link is ready: copy it from the list below and share it."),
    )
    return redirect("organisations:invitations", organisation.pk)


@manager_required
@require_POST
def invitation_withdraw(request, organisation, invitation_id: int):
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, organisation=organisation
    )
    invitation_revoke(invitation=invitation)
    messages.success(
        request,
        gettext("The link no longer works.")
        if invitation.kind == InvitationKind.LINK
        else gettext("The invitation to %(email)s is withdrawn.")
        % {"email": invitation.email},
    )
    return redirect("organisations:invitations", organisation.pk)


@manager_required
@require_POST
def invitation_send_again(request, organisation, invitation_id: int):
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation=organisation,
    )
    if _over_limit(request):
        return redirect("organisations:invitations", organisation.pk)
    try:
        invitation_resend(
            invitation=invitation, site_url=request.build_absolute_uri("/")
        )
    except InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("The invitation was sent again to %(email)s.")
            % {"email": invitation.email},
        )
    return redirect("organisations:invitations", organisation.pk)


def _page(request, organisation, *, status=200, **forms):
    pending = list(pending_invitations(organisation=organisation))
    links = [
        (link, request.build_absolute_uri(join_path(link)))
        for link in pending
        if link.kind == InvitationKind.LINK
    ]
    context = {
        "organisation": organisation,
        "email_form": InviteEmailForm(organisation=organisation),
        "bulk_form": BulkInviteForm(organisation=organisation),
        "link_form": InviteLinkForm(organisation=organisation),
        "pending": [i for i in pending if i.kind == InvitationKind.EMAIL],
        "links": links,
        **forms,
    }
    return render(
        request, "organisations/members/invitations.html", context, status=status
    )


def _over_limit(request) -> bool:
    if not over_limit(request, action=TOO_MANY, key=str(request.user.pk)):
        return False
    messages.error(
        request,
        gettext(
            "You have sent many invitations in the last hour. Nothing more was "
            "sent: please try again later."
        ),
    )
    return True


def _report(request, result: SendResult) -> None:
    if result.sent:
        messages.success(
            request,
            ngettext(
                "%(count)s invitation sent. If it cannot be delivered, it shows "
                "as “Not sent” below.",
                "%(count)s invitations sent. Any that cannot be delivered show "
                "as “Not sent” below.",
                len(result.sent),
            )
            % {"count": len(result.sent)},
        )
    if result.already_members:
        messages.info(
            request,
            gettext("Already members, so not invited: %(emails)s.")
            % {"emails": ", ".join(result.already_members)},
        )


def _groups_by_name(organisation) -> dict[str, MemberGroup]:
    return {
        group.name.casefold(): group
        for group in MemberGroup.objects.filter(organisation=organisation)
    }


def _group(groups: dict[str, MemberGroup], name: str) -> MemberGroup | None:
    return groups[name.casefold()] if name else None


def _with_group(parsed: ParsedInvites, group: MemberGroup | None) -> ParsedInvites:
    """A pasted list has no group column: the form's group applies to every row."""
    if group is None:
        return parsed
    rows = tuple(replace(row, group=group.name) for row in parsed.rows)
    return replace(parsed, rows=rows)
