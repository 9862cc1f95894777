"""The curriculum files themselves: counts, sources, voice and reading level.

These read training/curriculum/ directly (no database): a trainer or reviewer
can run them on a draft file in a second.
"""

import re
from pathlib import Path

import pytest
import yaml

from quizzes.gift.parser import parse_gift
from tests.readability import fk_grade, lesson_text
from training.curriculum_loader import CURRICULUM_DIR, module_files

MODULE_FILES = module_files(CURRICULUM_DIR)
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


# Sentences that deny a minor can be charged (CSEC-FACTS section 1 [FLAG]) or present
# DCF, where every call is a report, as an advice line (CURRICULUM-REVIEW items 1, 12).
DENIES_CHARGES = re.compile(
    r"\bnot an? (?:crime|offen[cs]e)\b"
    r"|\bno crime\b"
    r"|\b(?:can ?not|can't|could ?not|couldn't|never|won't|will not) be "
    r"(?:charged|arrested|prosecuted|punished)\b"
    r"|\b(?:did|does|do) ?(?:not|n't) commit (?:a|any) crime\b"
    r"|\bcommit(?:s|ted)? no crime\b"
    r"|\bimmun(?:e|ity) from (?:arrest|prosecution|charges)\b"
)
DCF_FOR_ADVICE = re.compile(
    r"\b(?:call|calling|phone|contact|ring)\b[^.!?]*\bDCF\b[^.!?]*\bfor advice\b"
    r"|\bDCF\b[^.!?]*\badvice line\b",
    re.IGNORECASE,
)
CURRICULUM_TEXT_FILES = sorted(
    path for path in CURRICULUM_DIR.rglob("*") if path.suffix in {".yaml", ".gift"}
)


def sentences(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", " ".join(text.split()))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


@pytest.mark.parametrize(
    "path",
    CURRICULUM_TEXT_FILES,
    ids=lambda p: str(p.relative_to(CURRICULUM_DIR)),
)
def test_no_sentence_says_a_minor_commits_no_crime_or_calls_dcf_for_advice(path):
    found = [
        sentence
        for sentence in sentences(path.read_text(encoding="utf-8"))
        if DENIES_CHARGES.search(sentence.lower()) or DCF_FOR_ADVICE.search(sentence)
    ]
    assert found == []


@pytest.mark.parametrize(
    "wrong",
    [
        "It is not a crime that the young person did.",
        "Minors cannot be charged with prostitution.",
        "A teen can't be arrested for this.",
        "Under Safe Harbor a child can never be charged.",
        "She did not commit a crime.",
        "Call the DCF hotline or the trafficking hotline for advice.",
    ],
)
def test_the_phrase_check_catches_what_the_review_found(wrong):
    assert DENIES_CHARGES.search(wrong.lower()) or DCF_FOR_ADVICE.search(wrong)


def test_the_phrase_check_lets_accurate_sentences_through():
    for right in (
        "The law treats them as victims who need help, not punishment.",
        "For advice, call the National Human Trafficking Hotline or the CAC.",
        "Calling DCF is making a report.",
    ):
        assert not DENIES_CHARGES.search(right.lower())
        assert not DCF_FOR_ADVICE.search(right)


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


def plain(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def test_the_about_page_carries_every_statement_of_the_clients_page():
    # CSEC-FACTS section 0, on a page anyone reaches without an account.
    about = plain(CURRICULUM_DIR / "pages" / "about-csec.yaml").lower()
    for statement in (
        "form of child sexual abuse",
        "case coordination for all reported csec cases in bristol county",
        "over 200 csec cases a year",
        "in return for a fee",
        "food, shelter, clothing, education or care",
        "51a",
        "multidisciplinary team",
        "much more than photos and videos",
        "in perpetuity",
        "re-victimi",
        "cannot consent",
        "delinquency",
        "promiscuity",
        "to assist the community and professionals in effectively identifying and "
        "responding to suspicions of csec",
        "identification of csec victims is crucial",
        "appropriate supports and services",
        "risk factors",
        "indicators",
        "first responder",
        "non-emergency",
        "on-site",
    ):
        assert statement in about, statement
