"""Invitations: by email (single use) or as a shareable link (many uses).

A token is random (secrets, 192 bits) and looked up in the database, so a link
can be revoked. Nothing here sends a bulk invitation before its sender has
confirmed the preview: the views call `invitations_send` only from the
confirm step.
"""

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.language import language_of
from jobs.mail import EMAIL_ATTEMPTS
from jobs.models import Job
from jobs.retry import job_progress, job_start, job_task
from organisations.models import (
    Invitation,
    InvitationKind,
    MemberGroup,
    Membership,
    Organisation,
    Role,
)
from organisations.services.memberships import MembershipError, membership_join

logger = logging.getLogger(__name__)

TOKEN_BYTES = 24  # 192 bits, 32 URL-safe characters
INVITATION_DAYS = 30

NOT_FOUND = _("This invitation link is not valid. Check that you copied all of it.")
REVOKED = _(
    "This invitation has been withdrawn. Ask the organisation for a new one if "
    "you still want to join."
)
EXPIRED = _("This invitation has expired. Ask the organisation to send you a new one.")
USED = _(
    "This invitation has already been used. An emailed invitation works once: "
    "ask the organisation for your own."
)
WRONG_EMAIL = _(
    "This invitation was sent to another email address. Sign in with the "
    "account for that address (and confirm the address), or ask the "
    "organisation to invite the address you use here."
)


class InvitationError(Exception):
    """The invitation cannot be used; `message` says why, for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class SendResult:
    sent: list[Invitation] = field(default_factory=list)  # created and queued
    already_members: list[str] = field(default_factory=list)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def invitation_for_token(*, token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("organisation", "group")
        .filter(token=token)
        .first()
    )


def invitation_problem(*, invitation: Invitation | None, user=None):
    """Why this invitation cannot be accepted (by `user`), or None."""
    if invitation is None:
        return NOT_FOUND
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.kind == InvitationKind.EMAIL and invitation.accepted_at is not None:
        # The person who accepted it may open it again while they are a member
        # (nothing changes); after leaving, joining again needs a new invitation.
        still_in = (
            user is not None
            and invitation.accepted_by_id == user.pk
            and Membership.objects.filter(
                organisation_id=invitation.organisation_id, user=user
            ).exists()
        )
        return None if still_in else USED
    if invitation.expires_at <= timezone.now():
        return EXPIRED
    if (
        invitation.kind == InvitationKind.EMAIL
        and user is not None
        and not _has_verified_address(user, invitation.email)
    ):
        return WRONG_EMAIL
    return None


def invitation_accept(*, token: str, user) -> Membership:
    """Join the invitation's organisation; accepting twice changes nothing."""
    with transaction.atomic():
        invitation = (
            # of=self: the group is an outer join, which PostgreSQL cannot lock.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organisation", "group")
            .filter(token=token)
            .first()
        )
        problem = invitation_problem(invitation=invitation, user=user)
        if problem:
            raise InvitationError(problem)
        membership, _created = membership_join(
            organisation=invitation.organisation,
            user=user,
            role=invitation.role,
            group=invitation.group,
        )
        if invitation.kind == InvitationKind.EMAIL and invitation.accepted_at is None:
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_link_create(
    *,
    organisation: Organisation,
    invited_by,
    group: MemberGroup | None = None,
    days: int = INVITATION_DAYS,
) -> Invitation:
    """A shareable link: many people may join with it until it expires or is
    revoked. Always as members: anyone holding a link may use it."""
    _check_group(organisation, group)
    return Invitation.objects.create(
        organisation=organisation,
        kind=InvitationKind.LINK,
        token=new_token(),
        role=Role.MEMBER,
        group=group,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=days),
    )


def invitation_revoke(*, invitation: Invitation) -> None:
    """Withdraw an invitation or link; people who joined with it stay members."""
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def invitations_send(
    *,
    organisation: Organisation,
    invited_by,
    rows: Sequence[tuple[str, MemberGroup | None]],
    site_url: str,
    role: str = Role.MEMBER,
) -> SendResult:
    """Create an email invitation for each (address, group) and send them.

    Someone already in the organisation is skipped. An address with a pending
    invitation gets that one again (new expiry), not a second one. Each email is
    in the invitee's language if they have an account, else the sender's.
    """
    result = SendResult()
    now = timezone.now()
    emails = [email.lower() for email, _group in rows]
    members = _member_addresses(organisation, emails)
    with transaction.atomic():
        pending = {
            invitation.email.lower(): invitation
            for invitation in Invitation.objects.select_for_update().filter(
                organisation=organisation,
                kind=InvitationKind.EMAIL,
                email__in=emails,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now,
            )
        }
        invitations = []
        for email, group in rows:
            email = email.lower()
            if email in members:
                result.already_members.append(email)
                continue
            _check_group(organisation, group)
            invitation = pending.get(email) or Invitation(
                organisation=organisation,
                kind=InvitationKind.EMAIL,
                token=new_token(),
                email=email,
                invited_by=invited_by,
            )
            invitation.role, invitation.group = role, group
            invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
            invitation.save()
            invitations.append(invitation)
    # In the background (up to 1,000 emails), retried while the mail server is
    # down: until then the invitations are listed as "Not sent" (the manager
    # can resend), never half-created ones.
    if invitations:
        count = len(invitations)
        job_start(
            invitation_emails_send,
            label=f"{count} invitation email{'' if count == 1 else 's'} "
            f"for {organisation.name}"[:200],
            by=invited_by,
            params={
                "invitation_ids": [invitation.pk for invitation in invitations],
                "sender_language": translation.get_language() or settings.LANGUAGE_CODE,
                "site_url": site_url,
            },
            total=count,
            max_attempts=EMAIL_ATTEMPTS,
        )
    result.sent = invitations
    return result


class InvitationsNotSent(Exception):
    """The mail server refused them: the job fails this attempt and retries."""


@job_task()
def invitation_emails_send(job: Job) -> int:
    """Email the job's invitations not sent since it started (unless withdrawn
    meanwhile); returns how many went. A retry sends only what is left."""
    params = job.params
    invitations = list(
        Invitation.objects.filter(
            Q(sent_at__isnull=True) | Q(sent_at__lt=job.created_at),
            pk__in=params["invitation_ids"],
            revoked_at__isnull=True,
        )
        .select_related("organisation", "invited_by")
        .order_by("pk")
    )
    with translation.override(params["sender_language"]):
        sent, failed = _deliver(invitations, site=params["site_url"])
    job_progress(job, done=len(params["invitation_ids"]) - len(failed))
    if failed:
        raise InvitationsNotSent(f"{len(failed)} invitations not sent")
    return len(sent)


def invitation_resend(*, invitation: Invitation, site_url: str) -> Invitation:
    """Send a pending email invitation again, valid for another 30 days."""
    if invitation.kind != InvitationKind.EMAIL:
        raise InvitationError(_("Only emailed invitations can be sent again."))
    if invitation.accepted_at is not None:
        raise InvitationError(USED)
    if invitation.revoked_at is not None:
        raise InvitationError(REVOKED)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    _sent, failed = _deliver([invitation], site=site_url)
    if failed:
        raise InvitationError(
            _("The email could not be sent just now. Please try again later.")
        )
    return invitation


def pending_invitations(*, organisation: Organisation):
    """Email invitations not yet accepted, revoked or expired; and live links."""
    return (
        Invitation.objects.filter(
            organisation=organisation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("group")
        .order_by("kind", "-created_at", "-pk")
    )


def join_path(invitation: Invitation) -> str:
    return reverse("organisations:join", args=[invitation.token])


def _deliver(invitations, *, site: str):
    if not invitations:
        return [], []
    sender_language = translation.get_language()
    accounts = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(
            email__in=[invitation.email for invitation in invitations]
        )
    }
    messages = []
    for invitation in invitations:
        account = accounts.get(invitation.email)
        language = language_of(account) if account else sender_language
        with translation.override(language):
            messages.append(_invitation_email(invitation, site))
    try:
        get_connection().send_messages(messages)
    except Exception:  # noqa: BLE001  (any SMTP failure: report, keep the rows)
        logger.exception("Invitation emails for %s failed", invitations[0].organisation)
        return [], [invitation.email for invitation in invitations]
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
        sent_at=timezone.now()
    )
    return invitations, []


def _invitation_email(invitation, site: str) -> EmailMessage:
    invited_by = invitation.invited_by
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invited_by.get_full_name() if invited_by else "",
        "join_url": site.rstrip("/") + join_path(invitation),
    }
    return EmailMessage(
        subject=gettext("Join %(organisation)s for CSEC training")
        % {"organisation": invitation.organisation.name},
        body=render_to_string("organisations/members/emails/invitation.txt", context),
        to=[invitation.email],
    )


def _member_addresses(organisation: Organisation, emails: list[str]) -> set[str]:
    addresses = EmailAddress.objects.filter(
        user__memberships__organisation=organisation, email__in=emails
    ).values_list("email", flat=True)
    users = (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, email__in=emails)
        .values_list("email", flat=True)
    )
    return {email.lower() for email in [*addresses, *users]}


def _has_verified_address(user, email: str) -> bool:
    return EmailAddress.objects.filter(
        user=user, email__iexact=email, verified=True
    ).exists()


def _check_group(organisation: Organisation, group: MemberGroup | None) -> None:
    if group is not None and group.organisation_id != organisation.pk:
        raise MembershipError(_("That group belongs to another organisation."))
