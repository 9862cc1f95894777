from django import template
from django.conf import settings
from wagtail.models import Page

from quizzes.models import Quiz
from training.canonical import english_of
from translations.alternates import alternates
from translations.selectors import is_reviewed

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    request = context.get("request")
    if request is None:  # e.g. the 500 page, rendered without context processors
        return []
    return alternates(request, page=_wagtail_page(context))


@register.simple_tag(takes_context=True)
def unreviewed_translation(context) -> str | None:
    """The English page's address when this page, or the quiz being taken, is
    a translation no trainer at the CAC has reviewed yet; None otherwise."""
    page = _wagtail_page(context)
    if page is not None:
        if is_reviewed(page):
            return None
        # The switcher already found the page's live translations: no second lookup.
        english = next(
            alternate
            for alternate in language_alternates(context)
            if alternate.code == settings.LANGUAGE_CODE
        )
        return english.url if english.translated else "/"
    quiz = context.get("quiz")
    if isinstance(quiz, Quiz) and not is_reviewed(quiz):
        module = context.get("module")
        return english_of(module).url if module is not None else "/"
    return None


def _wagtail_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None
