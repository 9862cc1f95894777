from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.dev_trainer import ensure_dev_trainer
from accounts.roles import REVIEWERS, ensure_review_workflow, ensure_staff_groups
from audiences.setup import setup_site


class Command(BaseCommand):
    help = "Create the page tree, staff groups and (dev only) a trainer. Safe to rerun."

    def handle(self, *args, **options):
        home = setup_site()
        groups = ensure_staff_groups(home=home)
        ensure_review_workflow(home=home, reviewers=groups[REVIEWERS])
        self.stdout.write(
            f"Site ready: home page {home.url_path}, groups {list(groups)}"
        )
        if getattr(settings, "CREATE_DEV_TRAINER", False):
            email = ensure_dev_trainer()
            self.stdout.write(f"Dev trainer account: {email} (password in the README)")
