import re

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext

from quizzes.gift.moodle import sanitize

register = template.Library()

_BLOCK_TAG = re.compile(r"<(?:p|ul|ol)\b", re.IGNORECASE)


@register.filter
def question_html(text: str) -> str:
    """Question text may hold the few tags GIFT keeps; clean it again on output."""
    # sanitize() leaves only b/i/p/lists/code and escapes everything else.
    cleaned = sanitize(text or "")
    # Text with its own paragraphs or lists (most Moodle HTML) only needs its
    # line breaks: wrapping it in <p> again would nest paragraphs.
    if _BLOCK_TAG.search(cleaned):
        return mark_safe(normalize_newlines(cleaned).replace("\n", "<br>"))  # noqa: S308
    return mark_safe(linebreaks(cleaned, autoescape=False))  # noqa: S308


@register.filter
def choice_label(text: str) -> str:
    """A choice as the learner reads it: a true/false item's stored "True" and
    "False" (the same in every language) in the learner's language; any other
    choice, already written in the page's language, unchanged."""
    if text == "True":
        return gettext("True")
    if text == "False":
        return gettext("False")
    return text
