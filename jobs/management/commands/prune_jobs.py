from datetime import timedelta

from django.core.management.base import BaseCommand

from jobs.pruning import KEEP_DAYS, jobs_prune
from jobs.retry import jobs_recover_stalled


class Command(BaseCommand):
    help = (
        "Retry (or fail) jobs whose worker stopped mid-attempt, then delete "
        "background jobs finished more than --days ago, with their files (ZIPs "
        "of certificates) and task results. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args, days: int, **options):
        stalled = jobs_recover_stalled()
        if stalled:
            self.stdout.write(
                f"Recovered {stalled} stalled job{'s' if stalled != 1 else ''}."
            )
        pruned = jobs_prune(older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {pruned} finished job{'s' if pruned != 1 else ''}.")
