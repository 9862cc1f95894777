"""Run daily from cron: members' reminders about assigned training, and each
manager's weekly summary of who is overdue. Safe to run twice."""

from django.core.management.base import BaseCommand

from organisations.services.reminders import (
    assignment_reminders_send,
    manager_summaries_send,
)


class Command(BaseCommand):
    help = "Send reminders about assigned training and managers' weekly summaries."

    def handle(self, *args, **options):
        reminders = assignment_reminders_send()
        summaries = manager_summaries_send()
        self.stdout.write(
            f"Sent {reminders} reminder(s) and {summaries} manager summary(ies)."
        )
