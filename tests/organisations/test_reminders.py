"""Reminder emails about assigned training, and the managers' weekly summary,
as the daily cron command sends them (frozen time)."""

import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from organisations.models import AssignmentReminder, ManagerSummary, ReminderStep
from organisations.services.memberships import membership_leave
from organisations.services.reminders import reminder_step
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import finish_lessons

pytestmark = pytest.mark.django_db
DUE = date(2026, 3, 10)  # a Tuesday


def summaries_to(messages, user) -> list:
    """The weekly summaries among `messages` (a manager is a member too, and
    gets their own reminders)."""
    return [
        m for m in messages if m.to == [user.email] and "assigned training" in m.subject
    ]


def run_on(day: str) -> list:
    """Run the cron command on `day`; the emails it sent."""
    mail.outbox.clear()
    with time_machine.travel(f"{day} 08:00Z", tick=False):
        call_command("send_assignment_reminders", stdout=io.StringIO())
    return list(mail.outbox)


@pytest.fixture
def setup(home):
    organisation = make_organisation(name="Westport Elementary")
    module = make_module(parent=audience_page("providers"), lessons=1)
    assignment = make_assignment(organisation, module, due_on=DUE)
    learner = make_member(organisation, email="sam@example.org", name="Sam")
    return organisation, module, assignment, learner


def test_the_step_is_the_nearest_reached():
    assert reminder_step(due_on=DUE, today=date(2026, 3, 2)) is None
    assert reminder_step(due_on=DUE, today=date(2026, 3, 3)) == ReminderStep.WEEK_BEFORE
    assert reminder_step(due_on=DUE, today=DUE) == ReminderStep.DUE_DAY
    assert reminder_step(due_on=DUE, today=date(2026, 3, 20)) == ReminderStep.OVERDUE_1
    assert reminder_step(due_on=DUE, today=date(2026, 6, 1)) == ReminderStep.OVERDUE_4


def test_each_step_goes_once_then_at_most_four_overdue(setup):
    *_, learner = setup
    schedule = {
        "2026-03-02": 0,
        "2026-03-03": 1,  # 7 days before
        "2026-03-04": 0,
        "2026-03-10": 1,  # on the day
        "2026-03-11": 0,
        "2026-03-17": 1,  # 1 week overdue
        "2026-03-24": 1,
        "2026-03-31": 1,
        "2026-04-07": 1,  # 4 weeks overdue: the last
        "2026-04-14": 0,
        "2026-05-14": 0,
    }
    for day, expected in schedule.items():
        sent = [m for m in run_on(day) if m.to == [learner.email]]
        assert len(sent) == expected, day
    # Running twice on the same day sends nothing more.
    assert [m for m in run_on("2026-04-07") if m.to == [learner.email]] == []
    assert AssignmentReminder.objects.count() == 6


def test_a_missed_run_sends_only_the_nearest_step(setup):
    *_, learner = setup
    sent = run_on("2026-03-18")
    assert len([m for m in sent if m.to == [learner.email]]) == 1
    assert list(AssignmentReminder.objects.values_list("step", flat=True)) == [
        ReminderStep.OVERDUE_1
    ]
    assert run_on("2026-03-19") == []


def test_no_reminder_once_done(setup):
    _, module, _, learner = setup
    assert len(run_on("2026-03-03")) == 1
    finish_lessons(module, user=learner)
    assert run_on("2026-03-10") == []
    assert run_on("2026-03-17") == []


def test_no_reminder_after_leaving(setup):
    organisation, _, _, learner = setup
    membership_leave(organisation=organisation, user=learner)
    assert run_on("2026-03-03") == []
    assert run_on("2026-03-17") == []


def test_the_reminder_speaks_the_members_language(setup):
    *_, learner = setup
    learner.language = "es"
    learner.save(update_fields=["language"])
    [message] = run_on("2026-03-10")
    assert message.to == ["sam@example.org"]
    assert "Westport Elementary" in message.body
    # Spanish strings where the catalogue has them; never a template error.
    assert "{%" not in message.body and "{{" not in message.body


def test_the_managers_weekly_summary_goes_once_per_week(setup):
    organisation, *_ = setup
    manager = make_manager(organisation, email="head@example.org")
    summaries = summaries_to(run_on("2026-03-16"), manager)
    assert len(summaries) == 1
    assert "Sam" in summaries[0].body and "sam@example.org" in summaries[0].body
    # Later the same week: nothing; the next week: one more.
    assert summaries_to(run_on("2026-03-18"), manager) == []
    assert len(summaries_to(run_on("2026-03-23"), manager)) == 1
    assert ManagerSummary.objects.filter(manager=manager).count() == 2


def test_no_summary_when_no_one_is_overdue(setup):
    organisation, *_ = setup
    manager = make_manager(organisation)
    assert summaries_to(run_on("2026-03-09"), manager) == []
    assert not ManagerSummary.objects.exists()
