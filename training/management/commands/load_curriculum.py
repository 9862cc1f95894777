from pathlib import Path

from django.core.management.base import BaseCommand

from training.curriculum_loader import CURRICULUM_DIR, load_curriculum
from training.curriculum_translations import load_translations


class Command(BaseCommand):
    help = (
        "Load the modules, lessons, quizzes and site pages in training/curriculum/, "
        "and their Spanish and Portuguese translations. "
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
        # Then the Spanish and Portuguese folders, as translations of the English.
        load_translations(directory=Path(directory), report=report)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            f"Curriculum: {len(report.created)} created, "
            f"{len(report.updated)} updated, "
            f"{len(report.skipped)} skipped."
        )
