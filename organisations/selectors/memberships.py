"""What a member sees of their organisations, and what an organisation will
see of a person who joins it."""

from organisations.models import Assignment, Invitation, Membership


def memberships_for(*, user):
    """The user's memberships, with their organisation and group, by name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "group")
        .order_by("organisation__name", "organisation__pk")
    )


def modules_shared_on_joining(*, invitation: Invitation) -> list:
    """The modules the organisation assigns to someone joining with this invitation:
    the ones for every member, and those for the invitation's group."""
    assignments = Assignment.objects.filter(
        organisation_id=invitation.organisation_id
    ).select_related("module")
    if invitation.group_id:
        assignments = assignments.filter(group__isnull=True) | assignments.filter(
            group_id=invitation.group_id
        )
    else:
        assignments = assignments.filter(group__isnull=True)
    modules, seen = [], set()
    for assignment in assignments.order_by("due_on", "pk"):
        if assignment.module_id not in seen:
            seen.add(assignment.module_id)
            modules.append(assignment.module)
    return modules
