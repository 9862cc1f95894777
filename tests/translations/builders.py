"""A small site in English and pseudo-translated languages, for tests that need
real translations without loading the whole curriculum."""

import shutil
from pathlib import Path

import yaml

from quizzes.gift.parser import parse_gift, write_gift
from tests.training.pseudo_translation import pseudo_translate
from training.curriculum_loader import CURRICULUM_DIR, load_curriculum
from training.curriculum_translations import load_translations

MODULE = "youth-understanding-exploitation"
FILES = (
    f"{MODULE}.yaml",
    f"{MODULE}.gift",
    "site.yaml",
    "pages/about-csec.yaml",
    "pages/get-help.yaml",
    "pages/privacy.yaml",
)


def load_pseudo_translated_site(directory: Path, languages=("es",)) -> Path:
    """The youth module (two lessons), its quiz (a question per topic) and the
    site pages, in English and each of `languages` ("[es] " before every text
    a reader sees).

    wagtail-localize publishes on commit: call inside
    django_capture_on_commit_callbacks(execute=True) or a transactional test.
    """
    (directory / "pages").mkdir()
    for name in FILES:
        shutil.copy(CURRICULUM_DIR / name, directory / name)
    _keep_two_lessons(directory / f"{MODULE}.yaml")
    _keep_one_question_per_topic(directory / f"{MODULE}.gift")
    for language in languages:
        pseudo_translate(directory, language)
    load_curriculum(directory=directory)
    load_translations(directory=directory)
    return directory


def _keep_two_lessons(path: Path) -> None:
    """Two lessons are enough to show a module in two languages, and quicker."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["lessons"] = data["lessons"][:2]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _keep_one_question_per_topic(path: Path) -> None:
    """Four questions, one per topic: a quiz in two languages, translated fast."""
    kept, topics = [], set()
    for question in parse_gift(path.read_text(encoding="utf-8")):
        if question.category not in topics:
            topics.add(question.category)
            kept.append(question)
    path.write_text(write_gift(kept), encoding="utf-8")
