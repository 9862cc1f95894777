"""The language a learner reads: remembered on the account, used for what we send.

A visitor's language comes from the URL (/es/, /pt/); an account remembers the
one they signed up in or last switched to, so emails and certificates sent
later (a renewal reminder, a copy by email) come in the language they read.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation


def remember_language(user, language: str | None) -> None:
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    if user.pk:
        user.save(update_fields=["language"])


def language_of(user) -> str:
    language = getattr(user, "language", None)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    with translation.override(language_of(user)):
        yield
