from django.core.management.base import BaseCommand

from training.curriculum_loader import load_curriculum


class Command(BaseCommand):
    help = (
        "Load the modules, lessons, quizzes and site pages in training/curriculum/. "
        "Safe to rerun: pages and quizzes a trainer has edited are left alone."
    )

    def handle(self, *args, **options):
        report = load_curriculum()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            f"Curriculum: {len(report.created)} created, "
            f"{len(report.updated)} updated, "
            f"{len(report.skipped)} skipped."
        )
