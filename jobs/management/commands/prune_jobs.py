from datetime import timedelta

from django.core.management.base import BaseCommand

from jobs.pruning import KEEP_DAYS, jobs_prune


class Command(BaseCommand):
    help = (
        "Delete background jobs finished more than --days ago, with their files "
        "(ZIPs of certificates) and task results. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args, days: int, **options):
        pruned = jobs_prune(older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {pruned} finished job{'s' if pruned != 1 else ''}.")
