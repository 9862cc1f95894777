from training.models.pages import LessonPage, TrainingModulePage
from training.models.progress import LessonCompletion

__all__ = ["LessonCompletion", "LessonPage", "TrainingModulePage"]
