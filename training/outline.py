"""A lesson's module and its live lessons, kept per site generation.

Every visit to a lesson needs them (the module's rules, the lesson's number,
previous and next, the progress bar), and they change only when a page is
published, moved or deleted, which starts a new generation
(pagecache/generation.py). Kept by the module's place in the tree, which the
lesson's own path gives without a query: one entry per module, not per lesson.
"""

from django.core.cache import cache

from pagecache.generation import generation_key

OUTLINE_SECONDS = 60 * 60


def lesson_outline(lesson) -> tuple:
    """(module, [its live lessons in order]); the lessons without their bodies,
    which only the lesson being served shows."""
    from training.models import LessonPage, TrainingModulePage

    parent_path = lesson.path[: -LessonPage.steplen]
    key = generation_key("lesson-outline", parent_path)
    outline = cache.get(key)
    if outline is None:
        module = TrainingModulePage.objects.get(path=parent_path)
        lessons = list(module.lessons().defer("body"))
        outline = (module, lessons)
        cache.set(key, outline, OUTLINE_SECONDS)
    return outline
