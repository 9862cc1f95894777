"""manage.py import_gift QUIZ_ID FILE: append a GIFT file's questions to a quiz."""

import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes.choices import Topic
from quizzes.gift.parser import GiftError
from quizzes.gift.services import MAX_GIFT_BYTES, gift_import_plan, gift_preview
from quizzes.models import Quiz


class Command(BaseCommand):
    help = (
        "Append the questions in a GIFT file (or - for stdin) to a quiz, and list "
        "what was imported, how categories became topics, and what was left out. "
        "A file with a syntax error imports nothing."
    )
    # Lets tests pass stdin= to call_command.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("quiz_id", type=int)
        parser.add_argument("file", help="a UTF-8 GIFT file, or - to read stdin")
        parser.add_argument(
            "--default-topic",
            choices=Topic.values,
            default="",
            help="the topic for questions whose $CATEGORY matches no topic "
            "(without it they are left out)",
        )

    def handle(self, *args, quiz_id: int, file: str, default_topic: str, **options):
        quiz = Quiz.objects.filter(pk=quiz_id).first()
        if quiz is None:
            raise CommandError(f"No quiz with id {quiz_id}.")
        data = self._read(file, options.get("stdin") or sys.stdin)
        try:
            plan = gift_preview(text=data, default_topic=default_topic)
            questions = gift_import_plan(quiz=quiz, plan=plan)
        except GiftError as error:
            for _, message in error.errors:
                self.stderr.write(message)
            first = error.errors[0][1]
            raise CommandError(
                f"Nothing was imported: {len(error.errors)} problem(s), first: {first}"
            ) from None
        self.stdout.write(f"Imported {len(questions)} questions into {quiz}")
        for line in plan.report():
            self.stdout.write(line)

    def _read(self, file: str, stdin) -> bytes | str:
        # One byte over the limit is enough for read_gift to reject the size.
        if file == "-":
            return getattr(stdin, "buffer", stdin).read(MAX_GIFT_BYTES + 1)
        try:
            with open(file, "rb") as handle:
                return handle.read(MAX_GIFT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
