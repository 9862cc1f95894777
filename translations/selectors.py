"""Where each English page and quiz stands in Spanish and Portuguese.

For the trainers' translation status report and the "awaits review" notice.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from quizzes.models import Quiz
from training.canonical import english_locale_id
from translations.models import TranslationReview

TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


@dataclass(frozen=True)
class TranslationState:
    english: object  # the English page or quiz
    language: str
    target: object | None  # its translation, if there is one
    translation: Translation | None
    english_changed: bool  # the English was edited after the translation's source
    strings_missing: bool  # some strings of the source have no translation yet
    reviewed: bool  # a trainer reviewed this version of the translation
    reviewed_earlier: bool  # reviewed, but the translation changed since

    @property
    def up_to_date(self) -> bool:
        return self.target is not None and not (
            self.english_changed or self.strings_missing
        )

    @property
    def status(self) -> str:
        if self.target is None:
            return "missing"
        if not self.up_to_date:
            return "out of date"
        return "reviewed" if self.reviewed else "awaiting review"


def reviewed_revision_id(target) -> int | None:
    """The revision a review of `target` must name: what learners see now."""
    if isinstance(target, Page):
        return target.live_revision_id
    return target.latest_revision_id


def is_reviewed(obj) -> bool:
    """Whether a translated page or quiz, as learners see it now, was reviewed.

    English is the source and never needs it.
    """
    if obj.locale_id == english_locale_id():
        return True
    return TranslationReview.objects.filter(
        translation_key=obj.translation_key,
        locale_id=obj.locale_id,
        revision_id=reviewed_revision_id(obj),
    ).exists()


def _edited_at(english):
    if isinstance(english, Page):
        return english.last_published_at
    revision = english.latest_revision
    return revision.created_at if revision else None


def translation_states(*, languages=TRANSLATED_LANGUAGES) -> list[TranslationState]:
    """One row per English page or quiz and language, in tree order."""
    english_locale = Locale.get_default()
    pages = list(
        Page.objects.filter(locale=english_locale, depth__gt=1)
        .specific()
        .order_by("path")
    )
    quizzes = list(Quiz.objects.filter(locale=english_locale).order_by("title"))
    english = pages + quizzes
    keys = [obj.translation_key for obj in english]
    locales = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in=languages)
    }
    targets = {
        (obj.translation_key, obj.locale_id): obj
        for model in (Page, Quiz)
        for obj in model.objects.filter(
            translation_key__in=keys, locale__in=locales.values()
        )
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=english_locale
        )
    }
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in _with_missing_strings(
            Translation.objects.filter(source__in=sources.values()).select_related(
                "source"
            )
        )
    }
    reviews = {
        (review.translation_key, review.locale_id): review.revision_id
        for review in TranslationReview.objects.filter(translation_key__in=keys)
    }
    states = []
    for obj in english:
        for language in languages:
            locale = locales.get(language)
            key = (obj.translation_key, locale.pk if locale else None)
            target = targets.get(key)
            translation = translations.get(key)
            source = sources.get(obj.translation_key)
            edited_at = _edited_at(obj)
            reviewed_revision = reviews.get(key)
            current = reviewed_revision_id(target) if target is not None else None
            states.append(
                TranslationState(
                    english=obj,
                    language=language,
                    target=target,
                    translation=translation,
                    english_changed=bool(
                        source and edited_at and edited_at > source.last_updated_at
                    ),
                    strings_missing=bool(
                        translation and translation.waiting_for_translation
                    ),
                    reviewed=reviewed_revision is not None
                    and reviewed_revision == current,
                    reviewed_earlier=key in reviews and reviewed_revision != current,
                )
            )
    return states


def _with_missing_strings(translations):
    """Annotate each translation: has a string of its source no translation?"""
    untranslated = (
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .annotate(
            _target_locale_id=OuterRef("target_locale_id"),
            is_translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef("_target_locale_id"),
                    has_error=False,
                )
            ),
        )
        .filter(is_translated=False)
    )
    return translations.annotate(waiting_for_translation=Exists(untranslated))
