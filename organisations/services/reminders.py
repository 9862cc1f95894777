"""Reminder emails about assigned training, and the managers' weekly summary.

To each member not done: 7 days before the due date, on the day, then weekly
while overdue, at most four overdue emails. An AssignmentReminder row, unique
per assignment, member, due date and step, is claimed before sending (as
training's renewal reminders do), so no step goes twice, even when two runs
overlap; a missed run sends only the nearest step due. Nothing once done, and
nothing after leaving: reminders are read through membership.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.language import in_language_of, language_of
from jobs.mail import email_later
from organisations.models import (
    Assignment,
    AssignmentReminder,
    ManagerSummary,
    Membership,
    Organisation,
    ReminderStep,
    Role,
)
from organisations.selectors.assignments import (
    DONE,
    OVERDUE,
    MemberAssignment,
    organisation_member_assignments,
)
from training.canonical import in_language

# Days after the due date that each step is due (negative: before).
STEP_DAYS = {
    ReminderStep.WEEK_BEFORE: -7,
    ReminderStep.DUE_DAY: 0,
    ReminderStep.OVERDUE_1: 7,
    ReminderStep.OVERDUE_2: 14,
    ReminderStep.OVERDUE_3: 21,
    ReminderStep.OVERDUE_4: 28,
}
TEMPLATES = "organisations/dashboard/emails/"


def reminder_step(*, due_on: date, today: date) -> ReminderStep | None:
    """The nearest step reached today: 7 days before, the day, or N weeks late."""
    days = (today - due_on).days
    reached = [step for step, offset in STEP_DAYS.items() if days >= offset]
    return max(reached) if reached else None


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def assignment_reminders_send(*, today: date | None = None) -> int:
    """Send the reminders due today to every organisation's members; how many went."""
    today = today or timezone.localdate()
    sent = 0
    organisations = Organisation.objects.filter(assignments__isnull=False).distinct()
    for organisation in organisations:
        rows = organisation_member_assignments(organisation=organisation, today=today)
        already = _steps_sent(organisation)
        for row in rows:
            if row.status == DONE:
                continue
            step = reminder_step(due_on=row.due_on, today=today)
            key = (row.assignment.pk, row.membership.user_id, row.due_on)
            if step is None or any(done >= step for done in already[key]):
                continue
            if _claim_and_send(row, step=step, today=today):
                sent += 1
    return sent


def _steps_sent(organisation) -> dict:
    sent = defaultdict(set)
    for assignment_id, user_id, due_on, step in AssignmentReminder.objects.filter(
        assignment__organisation=organisation
    ).values_list("assignment_id", "user_id", "due_on", "step"):
        sent[(assignment_id, user_id, due_on)].add(step)
    return sent


def _claim_and_send(row: MemberAssignment, *, step: int, today: date) -> bool:
    try:
        with transaction.atomic():
            # Claim first: a second run at the same time hits the constraint.
            AssignmentReminder.objects.create(
                assignment=row.assignment,
                user=row.user,
                due_on=row.due_on,
                step=step,
            )
            reminder_email_send(row, today=today)
    except IntegrityError:
        return False
    return True


def reminder_email_send(row: MemberAssignment, *, today: date) -> None:
    """One reminder, in the member's language, linking to the module in it."""
    user = row.user
    module = in_language(row.assignment.module, language_of(user))
    days = (row.due_on - today).days
    with in_language_of(user):
        if days > 0:
            subject = ngettext(
                "Training due in %(days)d day: %(title)s",
                "Training due in %(days)d days: %(title)s",
                days,
            ) % {"days": days, "title": module.title}
        elif days == 0:
            subject = gettext("Training due today: %(title)s") % {"title": module.title}
        else:
            subject = gettext("Overdue training: %(title)s") % {"title": module.title}
        context = {
            "user": user,
            "organisation": row.assignment.organisation,
            "module": module,
            "module_url": module.get_full_url(),
            "due_on": row.due_on,
            "days_late": max(-days, 0),
            "days_left": max(days, 0),
            "my_training_url": site_url() + reverse("my_training"),
        }
        body = render_to_string(TEMPLATES + "reminder.txt", context)
    # Queued inside the caller's claim: both commit, or neither does.
    email_later(
        EmailMessage(subject=subject, body=body, to=[user.email]),
        label="Assignment reminder",
    )


def assignment_remind_now(*, assignment: Assignment, today: date | None = None) -> int:
    """A manager's "remind those not done": one email to each member not done.

    The view allows this once per assignment per day; it is not a step, so the
    scheduled reminders still go out as planned.
    """
    today = today or timezone.localdate()
    rows = organisation_member_assignments(
        organisation=assignment.organisation,
        assignments=Assignment.objects.filter(pk=assignment.pk).select_related(
            "module", "organisation", "group"
        ),
        today=today,
    )
    sent = 0
    for row in rows:
        if row.status != DONE:
            reminder_email_send(row, today=today)
            sent += 1
    return sent


# ---------- The managers' weekly summary ----------


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def manager_summaries_send(*, today: date | None = None) -> int:
    """Each manager's weekly list of who is overdue, once per week (a
    ManagerSummary row claimed before sending); nothing when no one is."""
    today = today or timezone.localdate()
    monday = week_of(today)
    sent = 0
    organisations = Organisation.objects.filter(assignments__isnull=False).distinct()
    for organisation in organisations:
        managers = [
            membership.user
            for membership in Membership.objects.filter(
                organisation=organisation, role=Role.MANAGER
            ).select_related("user")
        ]
        claimed = set(
            ManagerSummary.objects.filter(
                organisation=organisation, week_of=monday
            ).values_list("manager_id", flat=True)
        )
        managers = [manager for manager in managers if manager.pk not in claimed]
        if not managers:
            continue
        overdue = [
            row
            for row in organisation_member_assignments(
                organisation=organisation, today=today
            )
            if row.status == OVERDUE
        ]
        if not overdue:
            continue
        for manager in managers:
            try:
                with transaction.atomic():
                    ManagerSummary.objects.create(
                        organisation=organisation, manager=manager, week_of=monday
                    )
                    _send_summary(organisation, manager=manager, overdue=overdue)
            except IntegrityError:
                continue
            sent += 1
    return sent


def _send_summary(organisation, *, manager, overdue: list[MemberAssignment]) -> None:
    language = language_of(manager)
    with in_language_of(manager):
        rows = [
            (row, in_language(row.assignment.module, language).title) for row in overdue
        ]
        count = len({row.membership.user_id for row in overdue})
        subject = ngettext(
            "%(organisation)s: %(count)d person is overdue on assigned training",
            "%(organisation)s: %(count)d people are overdue on assigned training",
            count,
        ) % {"organisation": organisation.name, "count": count}
        context = {
            "organisation": organisation,
            "rows": rows,
            "count": count,
            "dashboard_url": site_url()
            + reverse("organisations:dashboard", args=[organisation.pk]),
        }
        body = render_to_string(TEMPLATES + "manager_summary.txt", context)
    email_later(
        EmailMessage(subject=subject, body=body, to=[manager.email]),
        label="Manager's weekly overdue summary",
    )
