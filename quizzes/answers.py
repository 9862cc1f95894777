"""Reading a quiz submission: only `question-<id>` fields count; the rest is ignored."""

from django.utils.translation import gettext

from quizzes.services import AttemptError

FIELD_PREFIX = "question-"


def parse_answers(post) -> dict[int, list[int]]:
    """POST data as {question id: [choice ids]}; AttemptError if unreadable.

    Extra fields such as `score` or `passed` are ignored: the server grades.
    """
    answers = {}
    for name in post:
        if not name.startswith(FIELD_PREFIX):
            continue
        try:
            question_id = int(name.removeprefix(FIELD_PREFIX))
            answers[question_id] = [int(value) for value in post.getlist(name)]
        except ValueError:
            raise AttemptError(
                {None: gettext("Some answers could not be read. Please try again.")}
            ) from None
    return answers
