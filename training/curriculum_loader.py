"""Load the curriculum in training/curriculum/ into pages and quizzes.

Idempotent: it creates what is missing, updates what it owns, and never
overwrites a page or quiz a person has edited since (their revision has a user;
the loader's have none). Loading twice changes nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Locale

from audiences.models import AudiencePage, HomePage, StandardPage
from quizzes.gift.parser import GiftError, parse_gift
from quizzes.gift.services import (
    gift_export,
    gift_import_plan,
    gift_preview,
    gift_replace_questions,
)
from quizzes.models import Quiz
from training.models import LessonPage, TrainingModulePage
from training.stream_ids import with_ids

CURRICULUM_DIR = Path(__file__).resolve().parent / "curriculum"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"created {name}" for name in self.created]
            + [f"updated {name}" for name in self.updated]
            + [f"skipped {reason}" for reason in self.skipped]
        )


def _edited_by_a_person(obj) -> str:
    """Who edited it since the loader last wrote it, or '' if nobody did."""
    revision = obj.latest_revision
    if revision is None or revision.user_id is None:
        return ""
    return f"{revision.user} on {revision.created_at:%Y-%m-%d}"


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    return value


def _comparable(instance, name: str):
    model_field = instance._meta.get_field(name)
    return _strip_ids(model_field.get_prep_value(getattr(instance, name)))


def _with_stable_ids(page, name: str, new, *, key: str, previous=None):
    """A StreamField's new raw value with ids that survive reloads (else as is)."""
    model_field = page._meta.get_field(name)
    if not isinstance(model_field, StreamField):
        return new
    return with_ids(
        model_field.stream_block, new, previous=previous, key=f"{key}/{name}"
    )


def _apply(page, values: dict, *, key: str) -> bool:
    """Set the values on the page; True if anything differs from what it had."""
    changed = False
    for name, new in values.items():
        before = _comparable(page, name)
        previous = getattr(page, name)
        previous = previous.raw_data if hasattr(previous, "raw_data") else None
        setattr(
            page, name, _with_stable_ids(page, name, new, key=key, previous=previous)
        )
        if _comparable(page, name) != before:
            changed = True
    return changed


def _save(page, *, parent, is_new: bool, values: dict, label: str, report: LoadReport):
    if is_new:
        for name, new in values.items():
            setattr(page, name, _with_stable_ids(page, name, new, key=label))
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.created.append(label)
        return page
    editor = _edited_by_a_person(page)
    if editor:
        report.skipped.append(f"{label}: edited by {editor}; not overwritten")
        return page
    if _apply(page, values, key=label):
        page.save_revision().publish()
        report.updated.append(label)
    return page


def _source(item: dict) -> dict:
    return {
        "title": item["title"],
        "publisher": item.get("publisher", ""),
        "year": item.get("year"),
        "url": item.get("url") or "",
    }


def _sources(items) -> list[dict]:
    return [{"type": "source", "value": _source(item)} for item in items or []]


def _body(blocks) -> list[dict]:
    return [{"type": block["type"], "value": block["value"]} for block in blocks]


def lesson_values_of(lesson_data: dict) -> dict:
    return {"title": lesson_data["title"], "body": _body(lesson_data["body"])}


def page_values_of(data: dict) -> dict:
    body = _body(data["body"])
    if data.get("sources"):
        body.append({"type": "sources", "value": [_source(s) for s in data["sources"]]})
    return {"title": data["title"], "intro": data.get("intro", ""), "body": body}


def module_values_of(data: dict) -> dict:
    return {
        "title": data["title"],
        "summary": data["summary"],
        "objectives": [
            {"type": "objective", "value": text} for text in data["objectives"]
        ],
        "estimated_minutes": data["estimated_minutes"],
        "min_lesson_minutes": data.get("min_lesson_minutes") or 0,
        "ce_hours": Decimal(str(data.get("ce_hours") or "0")),
        "content_note": data.get("content_note") or "",
        "issues_certificate": bool(data.get("issues_certificate")),
        "valid_for_months": data.get("valid_for_months"),
        "sources": _sources(data.get("sources")),
    }


# Quiz rules a curriculum file may set; the rest keep the model's defaults.
QUIZ_RULES = (
    "pass_mark",
    "max_attempts",
    "shuffle",
    "draw_count",
    "review_policy",
    "time_limit_minutes",
    "cooldown_after_failures",
    "cooldown_hours",
)


def _quiz_settings(spec: dict) -> dict:
    settings = {"title": spec["title"], "instructions": spec.get("instructions", "")}
    for name in QUIZ_RULES:
        if name in spec:
            settings[name] = spec[name]
        else:
            settings[name] = Quiz._meta.get_field(name).get_default()
    return settings


def _question_signature(questions) -> list[tuple]:
    return [
        (q.kind, q.category, q.case_text, q.prompt, q.explanation, q.choices)
        for q in questions
    ]


def _curriculum_plan(text: str):
    # The curriculum is ours: a question an import would drop is a mistake.
    plan = gift_preview(text=text)
    if plan.dropped:
        raise GiftError([(row.line, str(row)) for row in plan.dropped])
    return plan


def _import_questions(quiz: Quiz, text: str) -> None:
    gift_import_plan(quiz=quiz, plan=_curriculum_plan(text))


def _load_quiz(
    module: TrainingModulePage, spec: dict, directory: Path, report: LoadReport
):
    text = (directory / spec["file"]).read_text(encoding="utf-8")
    label = f"quiz {spec['file']}"
    settings = _quiz_settings(spec)
    quiz = module.quiz
    if quiz is None:
        quiz = Quiz.objects.create(live=True, **settings)
        _import_questions(quiz, text)
        report.created.append(label)
        return quiz
    editor = _edited_by_a_person(quiz)
    if editor:
        report.skipped.append(f"{label}: edited by {editor}; not overwritten")
        return quiz
    same_questions = _question_signature(parse_gift(text)) == _question_signature(
        parse_gift(gift_export(quiz=quiz))
    )
    same_settings = all(getattr(quiz, k) == v for k, v in settings.items())
    if same_questions and same_settings:
        return quiz
    for name, value in settings.items():
        setattr(quiz, name, value)
    quiz.save()
    if not same_questions:
        gift_replace_questions(quiz=quiz, plan=_curriculum_plan(text))
    else:
        quiz.save_revision().publish()
    report.updated.append(label)
    return quiz


@transaction.atomic
def load_module_file(path: Path, report: LoadReport) -> TrainingModulePage:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parent = AudiencePage.objects.get(
        audience__slug=data["audience"], locale=Locale.get_default()
    )
    label = f"module {data['audience']}/{data['slug']}"
    values = module_values_of(data)
    module = (
        TrainingModulePage.objects.child_of(parent).filter(slug=data["slug"]).first()
    )
    is_new = module is None
    if is_new:
        module = TrainingModulePage(slug=data["slug"], **values)
    module = _save(
        module, parent=parent, is_new=is_new, values=values, label=label, report=report
    )

    for lesson_data in data["lessons"]:
        lesson_values = lesson_values_of(lesson_data)
        lesson = (
            LessonPage.objects.child_of(module).filter(slug=lesson_data["slug"]).first()
        )
        lesson_is_new = lesson is None
        if lesson_is_new:
            lesson = LessonPage(slug=lesson_data["slug"], **lesson_values)
        _save(
            lesson,
            parent=module,
            is_new=lesson_is_new,
            values=lesson_values,
            label=f"lesson {data['slug']}/{lesson_data['slug']}",
            report=report,
        )

    if data.get("quiz"):
        module.refresh_from_db()
        quiz = _load_quiz(module, data["quiz"], path.parent, report)
        if module.quiz_id != quiz.pk and not _edited_by_a_person(module):
            module.quiz = quiz
            module.save_revision().publish()
    return module


@transaction.atomic
def load_page_file(path: Path, report: LoadReport) -> StandardPage:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    home = HomePage.objects.get(locale=Locale.get_default())
    values = page_values_of(data)
    role = data.get("site_role", "")
    pages = StandardPage.objects.child_of(home)
    # A site page keeps its role when a trainer renames its slug.
    page = (role and pages.filter(site_role=role).first()) or pages.filter(
        slug=data["slug"]
    ).first()
    is_new = page is None
    if is_new:
        page = StandardPage(slug=data["slug"], site_role=role, **values)
    return _save(
        page,
        parent=home,
        is_new=is_new,
        values=values,
        label=f"page {data['slug']}",
        report=report,
    )


def module_files(directory: Path) -> list[Path]:
    """One YAML file per module; site.yaml holds the site's own pages."""
    return sorted(p for p in directory.glob("*.yaml") if p.name != "site.yaml")


def site_pages(*, directory: Path = CURRICULUM_DIR) -> dict:
    """The home page, audience landings and request form, as site.yaml has them."""
    return yaml.safe_load((directory / "site.yaml").read_text(encoding="utf-8"))


def site_page_headings(*, directory: Path = CURRICULUM_DIR) -> list[dict]:
    """Slug, title and intro of each site page file, for setup to create them."""
    headings = []
    for path in sorted((directory / "pages").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        headings.append(
            {
                "site_role": data.get("site_role", ""),
                "slug": data["slug"],
                "title": data["title"],
                "intro": data.get("intro", ""),
            }
        )
    return headings


def load_curriculum(*, directory: Path = CURRICULUM_DIR) -> LoadReport:
    report = LoadReport()
    for path in module_files(directory):
        load_module_file(path, report)
    for path in sorted((directory / "pages").glob("*.yaml")):
        load_page_file(path, report)
    return report
