"""manage.py export_gift QUIZ_ID: write a quiz's questions to stdout as GIFT."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift.services import gift_export
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Write a quiz's saved questions to stdout as GIFT (UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("quiz_id", type=int)

    def handle(self, *args, quiz_id: int, **options):
        quiz = Quiz.objects.filter(pk=quiz_id).first()
        if quiz is None:
            raise CommandError(f"No quiz with id {quiz_id}.")
        try:
            text = gift_export(quiz=quiz)
        except ValueError as error:
            raise CommandError(f"Cannot export {quiz} as GIFT: {error}") from None
        self.stdout.write(text, ending="")
