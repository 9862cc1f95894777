"""Load the Spanish and Portuguese curriculum as wagtail-localize translations.

Each file in training/curriculum/<language>/ mirrors its English file (see
TRANSLATING.md). For every English page or quiz, the English and the translated
content are laid side by side, string for string, and handed to wagtail-localize
as a translator's PO file would be; wagtail-localize then writes the translated
page. So the admin shows each translation as its own (segment editor, PO
export, sync), and the files stay the reviewable source.

The English loader's rules hold: loading twice changes nothing, and a
translation someone has edited since (its revision has a user) is skipped and
named in the report.
"""

from collections import defaultdict
from pathlib import Path

import yaml
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from audiences.models import (
    AudiencePage,
    HomePage,
    StandardPage,
    TrainingRequestField,
    TrainingRequestPage,
)
from quizzes.gift.parser import parse_gift
from quizzes.models import Choice, Question, Quiz
from training.curriculum_loader import (
    CURRICULUM_DIR,
    LoadReport,
    lesson_values_of,
    module_files,
    module_values_of,
    page_values_of,
)
from training.models import LessonPage, TrainingModulePage
from training.stream_ids import with_ids_of

TOOL_NAME = "training/curriculum files"


class TranslationMismatch(ValueError):
    """A translated file does not have the shape of its English source."""


def strings_of(instance) -> dict[str, list[str]]:
    """The translatable strings of an instance, by context path, in order."""
    found = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            found[segment.path].append(segment.string.data)
    return found


def side_by_side(english, translated, *, label: str) -> dict[tuple[str, str], str]:
    """{(context, English string): translated string}, as a PO file pairs them."""
    source, target = strings_of(english), strings_of(translated)
    pairs = {}
    for path, texts in source.items():
        others = target.get(path, [])
        if len(others) != len(texts):
            raise TranslationMismatch(
                f"{label}: {path} has {len(texts)} strings in English and "
                f"{len(others)} in the translation"
            )
        pairs.update(
            {(path, text): other for text, other in zip(texts, others, strict=True)}
        )
    return pairs


def _edited_by_a_person(instance) -> str:
    revision = instance.latest_revision
    if revision is None or revision.user_id is None:
        return ""
    return f"{revision.user} on {revision.created_at:%Y-%m-%d}"


def translate(english, locale: Locale, pairs: dict, *, label: str, report: LoadReport):
    """Make or update `english`'s translation into `locale` from `pairs`."""
    english = english.specific if isinstance(english, Page) else english
    target = english.get_translation_or_none(locale)
    if target is not None and (editor := _edited_by_a_person(target)):
        report.skipped.append(f"{label}: edited by {editor}; not overwritten")
        return target
    source, _ = TranslationSource.update_or_create_from_instance(english)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    changed = 0
    for entry in po:
        text = pairs.get((entry.msgctxt, entry.msgid))
        if text is not None and text != entry.msgstr:
            entry.msgstr = text
            changed += 1
    stale = target is None or source.last_updated_at > target.latest_revision.created_at
    if not changed and not stale:
        return target
    translation.import_po(po, tool_name=TOOL_NAME)
    translation.save_target(publish=True)
    (report.created if target is None else report.updated).append(label)
    return english.get_translation(locale)


# ---------- What a translated file says, laid over its English instance ----------


def _unsaved_copy(english):
    """A new instance with the English field values (related rows not copied)."""
    values = {
        field.attname: getattr(english, field.attname)
        for field in english._meta.concrete_fields
        if not field.primary_key
    }
    return type(english)(**values)


def _page_like(english: Page, values: dict) -> Page:
    """An unsaved copy of the English page carrying the translated values.

    Translations keep the English slug: /es/youth/... mirrors /youth/....
    """
    translated = _unsaved_copy(english)
    for name, value in values.items():
        field = english._meta.get_field(name)
        if hasattr(field, "stream_block"):
            value = with_ids_of(
                field.stream_block, value, source=getattr(english, name).raw_data
            )
        setattr(translated, name, value)
    return translated


def _quiz_like(english: Quiz, text: str, spec: dict) -> Quiz:
    questions = list(english.questions.order_by("sort_order", "pk"))
    parsed = parse_gift(text)
    if len(parsed) != len(questions):
        raise TranslationMismatch(f"{spec['file']}: the number of questions differs")
    translated = _unsaved_copy(english)
    translated.title = spec["title"]
    translated.instructions = spec.get("instructions", "")
    rows = []
    for question, item in zip(questions, parsed, strict=True):
        row = Question(
            translation_key=question.translation_key,
            case_text=item.case_text,
            prompt=item.prompt,
            explanation=item.explanation,
        )
        row.choices = [
            Choice(
                translation_key=choice.translation_key, text=c.text, feedback=c.feedback
            )
            for choice, c in zip(
                question.choices.order_by("sort_order", "pk"), item.choices, strict=True
            )
        ]
        rows.append(row)
    translated.questions = rows
    return translated


def _request_page_like(english: TrainingRequestPage, spec: dict) -> TrainingRequestPage:
    fields = list(english.form_fields.order_by("sort_order", "pk"))
    translated = _unsaved_copy(english)
    translated.title = spec["title"]
    translated.intro = spec.get("intro", "")
    translated.thank_you_text = spec.get("thank_you_text", "")
    translated.subject = spec.get("subject", "")
    translated.form_fields = [
        TrainingRequestField(
            translation_key=field.translation_key,
            # The English field name in every language: one submissions table.
            clean_name=field.clean_name,
            label=item["label"],
            help_text=item.get("help_text", ""),
            choices=item.get("choices", ""),
        )
        for field, item in zip(fields, spec["fields"], strict=True)
    ]
    return translated


# ---------- Loading ----------


def _english(model, **lookup):
    return model.objects.get(locale=Locale.get_default(), **lookup)


def _load(english, translated, locale, *, label, report):
    pairs = side_by_side(english, translated, label=label)
    return translate(english, locale, pairs, label=label, report=report)


def load_site_translation(folder: Path, locale: Locale, report: LoadReport) -> None:
    spec = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    language = locale.language_code
    home = _english(HomePage)
    _load(
        home,
        _page_like(home, spec["home"]),
        locale,
        label=f"{language} home",
        report=report,
    )
    for landing in spec["audiences"]:
        page = _english(AudiencePage, audience__slug=landing["audience"])
        values = {
            key: landing[key] for key in ("title", "door_label", "door_text", "intro")
        }
        _load(
            page,
            _page_like(page, values),
            locale,
            label=f"{language} audience {landing['audience']}",
            report=report,
        )
    request_page = TrainingRequestPage.objects.filter(
        locale=Locale.get_default()
    ).first()
    if request_page is not None:
        translated = _request_page_like(request_page, spec["training_request"])
        _load(
            request_page,
            translated,
            locale,
            label=f"{language} request form",
            report=report,
        )


def load_module_translation(path: Path, locale: Locale, report: LoadReport) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    language = locale.language_code
    parent = _english(AudiencePage, audience__slug=data["audience"])
    module = TrainingModulePage.objects.child_of(parent).get(slug=data["slug"])
    # The quiz first: the translated module points at the translated quiz.
    for quiz, spec in ((module.quiz, data.get("quiz")),):
        if quiz is not None and spec:
            text = (path.parent / spec["file"]).read_text(encoding="utf-8")
            _load(
                quiz,
                _quiz_like(quiz, text, spec),
                locale,
                label=f"{language} quiz {spec['file']}",
                report=report,
            )
    values = module_values_of(data)
    _load(
        module,
        _page_like(module, values),
        locale,
        label=f"{language} module {data['audience']}/{data['slug']}",
        report=report,
    )
    for lesson_data in data["lessons"]:
        lesson = LessonPage.objects.child_of(module).get(slug=lesson_data["slug"])
        _load(
            lesson,
            _page_like(lesson, lesson_values_of(lesson_data)),
            locale,
            label=f"{language} lesson {data['slug']}/{lesson_data['slug']}",
            report=report,
        )


def load_page_translation(path: Path, locale: Locale, report: LoadReport) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = _english(StandardPage, site_role=data["site_role"])
    values = page_values_of(data)
    _load(
        page,
        _page_like(page, values),
        locale,
        label=f"{locale.language_code} page {data['slug']}",
        report=report,
    )


def load_translations(
    *, directory: Path = CURRICULUM_DIR, report: LoadReport | None = None
) -> LoadReport:
    """Every language folder in `directory` (es/, pt/), after the English.

    Not one transaction: wagtail-localize publishes each translation when its own
    transaction commits (on_commit), and a translated lesson needs its module's
    translation in place.
    """
    report = report or LoadReport()
    for folder in sorted(p for p in directory.iterdir() if (p / "site.yaml").exists()):
        locale, _ = Locale.objects.get_or_create(language_code=folder.name)
        load_site_translation(folder, locale, report)
        for path in sorted((folder / "pages").glob("*.yaml")):
            load_page_translation(path, locale, report)
        for path in module_files(folder):
            load_module_translation(path, locale, report)
    return report
