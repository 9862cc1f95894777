from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from quizzes.gift_moodle import sanitize

register = template.Library()


@register.filter
def question_html(text: str) -> str:
    """Question text may hold the few tags GIFT keeps; clean it again on output."""
    # sanitize() leaves only b/i/p/lists/code and escapes everything else.
    return mark_safe(linebreaks(sanitize(text or ""), autoescape=False))  # noqa: S308
