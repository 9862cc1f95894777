from django.core.management.base import BaseCommand

from training.certificates.services import renewal_reminders_send


class Command(BaseCommand):
    help = (
        "Email renewal reminders 30 and 7 days before certificates expire. "
        "Run daily from cron; safe to rerun."
    )

    def handle(self, *args, **options):
        sent = renewal_reminders_send()
        self.stdout.write(f"Sent {sent} renewal reminder{'s' if sent != 1 else ''}.")
