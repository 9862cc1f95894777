"""Learner records belong to the English page or quiz.

Progress, attempts and certificates hold the English lesson, module and quiz, so
a learner who reads in Portuguese finishes the same lesson as one who reads in
English. Translations share the English object's translation_key: writes turn
what the learner saw into its English version here; reads key on the
translation key (training/selectors.py).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

CACHE_SECONDS = 60 * 60


def locale_id(language_code: str) -> int | None:
    """The Locale row of a language (cached: they are created once, at setup)."""
    key = f"locale-id:{language_code}"
    found = cache.get(key)
    if found is None:
        found = (
            Locale.objects.filter(language_code=language_code)
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found


def english_locale_id() -> int:
    return (
        locale_id(get_supported_content_language_variant(settings.LANGUAGE_CODE))
        or Locale.get_default().pk
    )


def active_locale_id() -> int:
    return locale_id(translation.get_language() or "en") or english_locale_id()


def english_of(obj):
    """The English version of a translated page or quiz; itself if English."""
    if obj is None or obj.locale_id == english_locale_id():
        return obj
    return type(obj).objects.get(
        translation_key=obj.translation_key, locale_id=english_locale_id()
    )


def in_active_language(objects) -> list:
    """Each object as its translation in the active language, where there is one.

    `objects` are English; one query finds their translations.
    """
    objects = list(objects)
    active = active_locale_id()
    if not objects or active == english_locale_id():
        return objects
    model = type(objects[0])
    translations = {
        found.translation_key: found
        for found in model.objects.filter(
            translation_key__in=[obj.translation_key for obj in objects],
            locale_id=active,
        )
    }
    return [translations.get(obj.translation_key, obj) for obj in objects]


def in_language(obj, language_code: str):
    """`obj`'s live translation in a language; `obj` itself where there is none."""
    found = type(obj).objects.filter(
        translation_key=obj.translation_key, locale_id=locale_id(language_code)
    )
    if hasattr(obj, "live"):
        found = found.filter(live=True)
    return found.first() or obj
