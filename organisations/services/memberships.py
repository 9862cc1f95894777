"""Joining and leaving an organisation. Leaving deletes the membership: the
organisation then sees nothing more of the person."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from organisations.models import MemberGroup, Membership, Organisation, Role

LAST_MANAGER = _(
    "An organisation needs at least one manager. Make someone else a manager "
    "first, or ask the CAC to close the organisation."
)


class MembershipError(Exception):
    """A change that is refused; `message` says why, in words for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def membership_join(
    *,
    organisation: Organisation,
    user,
    role: str = Role.MEMBER,
    group: MemberGroup | None = None,
) -> tuple[Membership, bool]:
    """The user's membership, created if they had none; joining again changes
    nothing (not even the role: a manager following a member's link stays one)."""
    try:
        with transaction.atomic():
            return Membership.objects.get_or_create(
                organisation=organisation,
                user=user,
                defaults={"role": role, "group": group},
            )
    except IntegrityError:
        # Two tabs accepting at once: the constraint let one in; this is it.
        return Membership.objects.get(organisation=organisation, user=user), False


def membership_leave(*, organisation: Organisation, user) -> None:
    """The user leaves; a no-op if they were not a member."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(organisation=organisation, user=user)
            .first()
        )
        if membership is not None:
            _delete(membership)


def membership_remove(*, membership: Membership) -> None:
    """A manager (or the CAC) removes someone; never the last manager."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _delete(membership)


def _delete(membership: Membership) -> None:
    if membership.is_manager:
        # Lock every manager row so two managers leaving at once cannot both go.
        managers = list(
            Membership.objects.select_for_update()
            .filter(organisation_id=membership.organisation_id, role=Role.MANAGER)
            .values_list("pk", flat=True)
        )
        if managers == [membership.pk]:
            raise MembershipError(LAST_MANAGER)
    membership.delete()
