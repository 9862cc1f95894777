from quizzes.models.attempts import Attempt
from quizzes.models.quiz import Choice, Question, Quiz

__all__ = ["Attempt", "Choice", "Question", "Quiz"]
