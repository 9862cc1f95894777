"""The curriculum files themselves: counts, sources, voice and reading level.

These read training/curriculum/ directly (no database): a trainer or reviewer
can run them on a draft file in a second.
"""

import re
from pathlib import Path

import pytest
import yaml

from quizzes.gift import parse_gift
from training.curriculum_loader import CURRICULUM_DIR
from training.readability import fk_grade, lesson_text

MODULE_FILES = sorted(CURRICULUM_DIR.glob("*.yaml"))
PAGE_FILES = sorted((CURRICULUM_DIR / "pages").glob("*.yaml"))
MAX_GRADE = {"youth": 7.0, "parents": 9.0, "caregivers": 9.0, "providers": 12.0}
CORE_TOPICS = {"definitions", "risk factors", "indicators", "first-responder duties"}
BANNED = ["child prostitute", "teen prostitute", "average age of entry", "293,000"]
# Any run that dials: 10-digit numbers in any punctuation, 1-800 words, short codes.
PHONE = re.compile(
    r"\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b|1-800-[A-Z]|\b988\b|\b233733\b|\b911\b"
)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


MODULES = {path.stem: load(path) for path in MODULE_FILES}
LESSONS = [
    pytest.param(module, lesson, id=f"{name}/{lesson['slug']}")
    for name, module in MODULES.items()
    for lesson in module["lessons"]
]


def quiz_of(module: dict):
    return parse_gift((CURRICULUM_DIR / module["quiz"]["file"]).read_text("utf-8"))


def test_every_audience_has_a_module():
    assert {m["audience"] for m in MODULES.values()} == set(MAX_GRADE)


@pytest.mark.parametrize("name", MODULES)
def test_module_meets_the_counts(name):
    module = MODULES[name]
    questions = quiz_of(module)
    assert len(module["lessons"]) >= 4
    assert len(questions) >= 12
    topics = {q.category for q in questions}
    expected = CORE_TOPICS | (
        {"mandated reporting"} if module["audience"] == "providers" else set()
    )
    assert expected <= topics
    assert sum(q.kind == "scenario" for q in questions) >= 3
    assert all(q.explanation.strip() for q in questions)
    assert "all-or-nothing" in module["quiz"]["instructions"]


def test_providers_module_earns_the_formal_certificate():
    (providers,) = [m for m in MODULES.values() if m["audience"] == "providers"]
    assert providers["quiz"]["pass_mark"] == 80
    assert str(providers["ce_hours"]) == "1.5"
    assert providers["valid_for_months"] == 24
    assert providers["issues_certificate"]


@pytest.mark.parametrize("module, lesson", LESSONS)
def test_lesson_reading_level(module, lesson):
    grade = fk_grade(lesson_text(lesson["body"]))
    assert grade <= MAX_GRADE[module["audience"]], f"grade {grade:.1f}"


@pytest.mark.parametrize("module, lesson", LESSONS)
def test_lesson_cites_its_sources(module, lesson):
    sources = [b for b in lesson["body"] if b["type"] == "sources"]
    assert sources and all(s["value"] for s in sources)


@pytest.mark.parametrize("module, lesson", LESSONS)
def test_no_phone_number_is_typed_into_a_lesson(module, lesson):
    # Numbers come from SafetySettings through the get_help block.
    text = lesson_text(lesson["body"])
    assert not PHONE.findall(text)


def test_phone_pattern_catches_typed_numbers():
    for typed in ("1-800-792-5200", "(508) 674-6111", "888.373.7888", "call 988"):
        assert PHONE.search(typed), typed


@pytest.mark.parametrize(
    "path",
    MODULE_FILES + PAGE_FILES + sorted(CURRICULUM_DIR.glob("*.gift")),
    ids=lambda p: p.name,
)
def test_banned_terms_appear_nowhere(path):
    text = path.read_text(encoding="utf-8").lower()
    for term in BANNED:
        assert term not in text


def test_the_clients_own_statements_all_appear():
    everything = " ".join(
        path.read_text(encoding="utf-8") for path in CURRICULUM_DIR.rglob("*.*")
    )
    everything = " ".join(everything.split()).lower()
    for statement in (
        "form of child sexual abuse",
        "200",
        "in return for a fee",
        "food, shelter, clothing, education or care",
        "51a",
        "multidisciplinary team",
        "re-victimi",
        "cannot consent",
        "delinquency",
        "promiscuity",
    ):
        assert statement in everything, statement
