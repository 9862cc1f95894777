from quizzes.models.attempts import Attempt
from quizzes.models.outcomes import ChoicePick, QuestionOutcome
from quizzes.models.quiz import Choice, Question, Quiz

__all__ = ["Attempt", "ChoicePick", "Choice", "Question", "Quiz", "QuestionOutcome"]
