from django.core.management.base import BaseCommand

from training.progress import purge_expired_anonymous_progress


class Command(BaseCommand):
    help = (
        "Delete anonymous learners' progress and quiz attempts older than "
        "ANONYMOUS_PROGRESS_DAYS. "
        "Run it daily from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_expired_anonymous_progress()
        self.stdout.write(f"Deleted {deleted} expired anonymous records.")
