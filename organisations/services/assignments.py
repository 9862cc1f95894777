"""Assigning training: a manager (or a CAC trainer) asks members to finish modules
by a date. New members get current assignments as they join: an assignment is
read through membership, so nothing is copied."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Assignment, MemberGroup, Organisation
from training.canonical import english_of
from training.models import TrainingModulePage

DUE_IN_THE_PAST = _("The due date is in the past. Choose today or a later date.")
NO_MODULES = _("Choose at least one module to assign.")
OTHER_GROUP = _("That group belongs to another organisation.")
BAD_RENEWAL = _("Renew every 1 to 120 months, or leave it empty.")


class AssignmentError(Exception):
    """An assignment that is refused; `message` says why, in words for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def assignments_create(
    *,
    organisation: Organisation,
    modules,
    due_on: date,
    group: MemberGroup | None = None,
    renew_every_months: int | None = None,
    assigned_by=None,
) -> list[Assignment]:
    """One assignment per module (its English version), for every member or a group.

    Assigning a module again to the same members updates its due date and
    renewal instead of making a second assignment.
    """
    if due_on < timezone.localdate():
        raise AssignmentError(DUE_IN_THE_PAST)
    if group is not None and group.organisation_id != organisation.pk:
        raise AssignmentError(OTHER_GROUP)
    if renew_every_months is not None and not 1 <= renew_every_months <= 120:
        raise AssignmentError(BAD_RENEWAL)
    english = []
    for module in modules:
        module = english_of(module)
        if not isinstance(module, TrainingModulePage):
            module = module.specific
        if module.pk not in {m.pk for m in english}:
            english.append(module)
    if not english:
        raise AssignmentError(NO_MODULES)
    made = []
    with transaction.atomic():
        for module in english:
            assignment, _created = Assignment.objects.update_or_create(
                organisation=organisation,
                module=module,
                group=group,
                defaults={
                    "due_on": due_on,
                    "renew_every_months": renew_every_months,
                    "assigned_by": assigned_by,
                    "assigned_at": timezone.now(),
                },
            )
            made.append(assignment)
    return made


def assignment_delete(*, assignment: Assignment) -> None:
    """Withdraw an assignment; learners keep everything they did."""
    assignment.delete()
