from pathlib import Path

from django.core.management.base import BaseCommand

from training.curriculum_loader import CURRICULUM_DIR, load_curriculum


class Command(BaseCommand):
    help = (
        "Load the modules, lessons, quizzes and site pages in training/curriculum/. "
        "Safe to rerun: pages and quizzes a trainer has edited are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(CURRICULUM_DIR),
            help="A folder laid out like training/curriculum/ (default: that one).",
        )

    def handle(self, *args, directory: str, **options):
        report = load_curriculum(directory=Path(directory))
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            f"Curriculum: {len(report.created)} created, "
            f"{len(report.updated)} updated, "
            f"{len(report.skipped)} skipped."
        )
