"""Assigning training, and each member's status on it (selectors/assignments.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from organisations.models import Assignment, Membership
from organisations.selectors.assignments import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    assignable_modules,
    organisation_member_assignments,
    user_assignments,
)
from organisations.services.assignments import (
    DUE_IN_THE_PAST,
    AssignmentError,
    assignments_create,
)
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_group,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import (
    complete_module,
    finish_lessons,
    issue,
    make_certificate_module,
)

pytestmark = pytest.mark.django_db


def status_of(organisation, user, **kwargs):
    rows = organisation_member_assignments(organisation=organisation, **kwargs)
    return {row.assignment.pk: row for row in rows if row.user.pk == user.pk}


@pytest.fixture
def organisation(home):
    return make_organisation()


def test_assign_modules_to_everyone_with_renewal(organisation):
    manager = make_manager(organisation)
    modules = [make_module(parent=audience_page("providers")) for _ in range(2)]
    due = timezone.localdate() + timedelta(days=14)
    made = assignments_create(
        organisation=organisation,
        modules=modules,
        due_on=due,
        renew_every_months=12,
        assigned_by=manager,
    )
    assert [a.module_id for a in made] == [m.pk for m in modules]
    assert all(a.group is None and a.renew_every_months == 12 for a in made)
    # Assigning again moves the date instead of making a second assignment.
    assignments_create(
        organisation=organisation, modules=modules[:1], due_on=due + timedelta(days=7)
    )
    assert Assignment.objects.count() == 2
    assert Assignment.objects.get(module=modules[0]).due_on == due + timedelta(days=7)


def test_a_due_date_in_the_past_is_refused_clearly(organisation):
    module = make_module(parent=audience_page("providers"))
    with pytest.raises(AssignmentError) as error:
        assignments_create(
            organisation=organisation,
            modules=[module],
            due_on=timezone.localdate() - timedelta(days=1),
        )
    assert error.value.message == DUE_IN_THE_PAST
    assert "past" in str(error.value.message)


def test_a_translated_module_is_assigned_as_its_english_page(organisation):
    module = make_module(parent=audience_page("providers"))
    [made] = assignments_create(
        organisation=organisation, modules=[module], due_on=timezone.localdate()
    )
    assert made.module_id == module.pk


def test_group_of_another_organisation_is_refused(organisation):
    other_group = make_group(make_organisation(name="Other"))
    module = make_module(parent=audience_page("providers"))
    with pytest.raises(AssignmentError):
        assignments_create(
            organisation=organisation,
            modules=[module],
            group=other_group,
            due_on=timezone.localdate(),
        )


def test_group_assignment_reaches_only_the_group_and_new_members(organisation):
    nurses = make_group(organisation)
    module = make_module(parent=audience_page("providers"))
    assignment = make_assignment(organisation, module, group=nurses)
    outsider = make_member(organisation)
    nurse = make_member(organisation)
    Membership.objects.filter(user=nurse).update(group=nurses)
    assert assignment.pk in status_of(organisation, nurse)
    assert assignment.pk not in status_of(organisation, outsider)
    # Someone joining later gets current assignments: nothing is copied.
    everyone = make_assignment(organisation, module)
    late = make_member(organisation)
    assert status_of(organisation, late)[everyone.pk].status == NOT_STARTED


def test_statuses_not_started_in_progress_done_overdue(organisation):
    module = make_module(parent=audience_page("providers"), lessons=2)
    assignment = make_assignment(organisation, module)
    learner = make_member(organisation)
    assert status_of(organisation, learner)[assignment.pk].status == NOT_STARTED
    from training.models import LessonCompletion

    first = module.lessons().first()
    LessonCompletion.objects.create(user=learner, module=module, lesson=first)
    assert status_of(organisation, learner)[assignment.pk].status == IN_PROGRESS
    later = timezone.localdate() + timedelta(days=31)
    row = status_of(organisation, learner, today=later)[assignment.pk]
    assert row.status == OVERDUE
    finish_lessons(module, user=learner)
    row = status_of(organisation, learner, today=later)[assignment.pk]
    assert row.status == DONE and row.completed_at is not None


def test_a_quiz_module_needs_the_quiz_and_a_certificate_module_a_certificate(
    organisation,
):
    module = make_certificate_module(valid_for_months=24)
    assignment = make_assignment(organisation, module)
    learner = make_member(organisation)
    finish_lessons(module, user=learner)
    assert status_of(organisation, learner)[assignment.pk].status == IN_PROGRESS
    complete_module(module, user=learner)
    # Complete, but the certificate is not claimed yet.
    assert status_of(organisation, learner)[assignment.pk].status == IN_PROGRESS
    certificate = issue(module, learner)
    row = status_of(organisation, learner)[assignment.pk]
    assert row.status == DONE
    assert row.certificate_code == certificate.display_code
    assert row.certificate_expires_on == certificate.expires_on


def test_a_valid_certificate_already_held_counts(organisation):
    module = make_certificate_module()
    learner = make_member(organisation)
    complete_module(module, user=learner)
    issue(module, learner)
    assignment = make_assignment(organisation, module)
    assert status_of(organisation, learner)[assignment.pk].status == DONE


def test_a_revoked_certificate_does_not_count(organisation):
    from training.certificates.services import certificate_revoke

    module = make_certificate_module()
    learner = make_member(organisation)
    complete_module(module, user=learner)
    certificate = issue(module, learner)
    certificate_revoke(certificate=certificate, by=None, reason="Mistake")
    assignment = make_assignment(organisation, module)
    row = status_of(organisation, learner)[assignment.pk]
    assert row.status != DONE and row.certificate is None


def test_renewal_makes_an_old_completion_due_again(organisation):
    module = make_module(parent=audience_page("providers"), lessons=1)
    learner = make_member(organisation)
    with time_machine.travel("2026-01-10 12:00Z", tick=False):
        finish_lessons(module, user=learner)
    with time_machine.travel("2026-06-01 12:00Z", tick=False):
        assignment = make_assignment(
            organisation, module, due_on=timezone.localdate(), renew_every_months=12
        )
    today = timezone.localdate().replace(year=2026, month=6, day=1)
    assert status_of(organisation, learner, today=today)[assignment.pk].status == DONE
    renew_day = today.replace(year=2027, month=1, day=10)
    row = status_of(organisation, learner, today=renew_day)[assignment.pk]
    assert row.status == NOT_STARTED and row.due_on == renew_day
    row = status_of(organisation, learner, today=renew_day + timedelta(days=1))[
        assignment.pk
    ]
    assert row.status == OVERDUE


def test_leaving_removes_the_member_from_statuses(organisation):
    module = make_module(parent=audience_page("providers"))
    make_assignment(organisation, module)
    learner = make_member(organisation)
    Membership.objects.filter(user=learner).delete()
    assert status_of(organisation, learner) == {}


def test_a_learner_sees_their_assignments_across_organisations(organisation):
    other = make_organisation(name="Second school")
    module = make_module(parent=audience_page("providers"))
    learner = make_member(organisation)
    make_member(other, user=learner)
    manager = make_manager(organisation)
    make_assignment(organisation, module, assigned_by=manager)
    make_assignment(other, module)
    rows = user_assignments(user=learner)
    assert {row.assignment.organisation.name for row in rows} == {
        organisation.name,
        "Second school",
    }


def test_youth_modules_cannot_be_assigned(organisation):
    """Youth are never members: their modules are taught through class codes."""
    youth = make_module(parent=audience_page("youth"), lessons=1)
    providers = make_module(parent=audience_page("providers"), lessons=1)
    modules = list(assignable_modules())
    assert providers in modules and youth not in modules
