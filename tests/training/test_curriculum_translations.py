"""The Spanish and Portuguese curriculum: the same shape as the English, readable,
and held to every fact rule the English is. Files only, no database.

A translation mirrors its English file exactly: the same lessons, blocks, list
items, links and answer keys, in the same order; only the words change. That is
what lets the loader make each file the translation of its English page.
"""

import re
from pathlib import Path

import pytest
import yaml

from quizzes.gift.parser import parse_gift
from tests.readability import (
    fernandez_huerta,
    flesch_martins,
    lesson_text,
    strip_tags,
)
from tests.training.test_curriculum_content import DCF_FOR_ADVICE, DENIES_CHARGES, PHONE
from training.curriculum_loader import CURRICULUM_DIR

LANGUAGES = ("es", "pt")
ENGLISH_FILES = sorted(
    path.relative_to(CURRICULUM_DIR)
    for pattern in ("*.yaml", "*.gift", "pages/*.yaml")
    for path in CURRICULUM_DIR.glob(pattern)
)
MODULES = sorted(
    p for p in ENGLISH_FILES if p.suffix == ".yaml" and p.parent.name == ""
)
MODULES = [p for p in MODULES if p.name != "site.yaml"]
# Higher is easier. Spanish: Fernandez-Huerta; Portuguese: Flesch (Martins et al.).
MIN_READING_EASE = {
    "es": {"youth": 65, "parents": 55, "caregivers": 55, "providers": 40},
    "pt": {"youth": 50, "parents": 40, "caregivers": 40, "providers": 25},
}
READING_EASE = {"es": fernandez_huerta, "pt": flesch_martins}
# Values that are data, not words: they must stay exactly as in English.
KEPT_KEYS = {"audience", "slug", "type", "kind", "correct", "url", "year", "file"}
KEPT_KEYS |= {
    "estimated_minutes",
    "min_lesson_minutes",
    "ce_hours",
    "issues_certificate",
    "valid_for_months",
    "pass_mark",
    "shuffle",
    "draw_count",
    "review_policy",
    "cooldown_after_failures",
    "cooldown_hours",
    "site_role",
    "field_type",
    "required",
}
BANNED = {
    "es": [
        "prostituta infantil",
        "prostituto infantil",
        "prostitución infantil",
        "niña prostituta",
        "niño prostituto",
        "prostituta adolescente",
        "edad promedio de entrada",
        "edad media de entrada",
        "293.000",
        "293,000",
    ],
    "pt": [
        "prostituta infantil",
        "prostituição infantil",
        "criança prostituta",
        "prostituta adolescente",
        "idade média de entrada",
        "293.000",
        "293,000",
    ],
}
DENIES_CHARGES_TRANSLATED = {
    "es": re.compile(
        r"\bno (?:es|son|constituye) (?:un )?delito\b"
        r"|\bno (?:puede|pueden|podrá|podrán) ser (?:acusad|arrestad|detenid|procesad"
        r"|castigad)"
        r"|\bnunca (?:puede|pueden|será|serán) (?:acusad|arrestad|detenid|procesad)"
        r"|\bno comet(?:e|en|ió|ieron) (?:ningún |un )?delito\b"
        r"|\bllam\w* (?:al |a )?(?:la )?DCF\b[^.!?]*\bconsejo\b",
        re.IGNORECASE,
    ),
    "pt": re.compile(
        r"\bnão (?:é|são|constitui) (?:um )?crime\b"
        r"|\bnão (?:pode|podem|poderá|poderão) ser (?:acusad|pres|detid|process"
        r"|punid|castigad)"
        r"|\bnunca (?:pode|podem|será|serão) (?:acusad|pres|detid|process)"
        r"|\bnão comet(?:e|em|eu|eram) (?:nenhum |um )?crime\b"
        r"|\bligu?\w* (?:para )?(?:o |a )?DCF\b[^.!?]*\bconselho\b",
        re.IGNORECASE,
    ),
}
# CSEC-FACTS section 0 in the words the translations agreed to use (the glossary
# in training/curriculum/TRANSLATING.md); all on the About page.
CLIENT_STATEMENTS = {
    "es": [
        "forma de abuso sexual infantil",
        "coordinación de todos los casos de csec denunciados en el condado de bristol",
        "más de 200 casos de csec al año",
        "a cambio de un pago",
        "comida, vivienda, ropa, educación o cuidado",
        "51a",
        "equipo multidisciplinario",
        "mucho más que fotos y videos",
        "a perpetuidad",
        "revictimiza",
        "no pueden dar su consentimiento",
        "delincuencia",
        "promiscuidad",
        "ayudar a la comunidad y a los profesionales a identificar y responder "
        "eficazmente ante sospechas de csec",
        "la identificación de las víctimas de csec es fundamental",
        "los apoyos y servicios adecuados",
        "factores de riesgo",
        "indicadores",
        "primera persona en responder",
        "que no son emergencias",
        "en el centro",
    ],
    "pt": [
        "forma de abuso sexual infantil",
        "coordenação de todos os casos de csec denunciados no condado de bristol",
        "mais de 200 casos de csec por ano",
        "em troca de pagamento",
        "comida, abrigo, roupa, educação ou cuidados",
        "51a",
        "multidisciplinar",
        "muito mais do que fotos e vídeos",
        "perpetuamente",
        "revitimiza",
        "não podem dar consentimento",
        "delinquência",
        "promiscuidade",
        "ajudar a comunidade e os profissionais a identificar e responder de forma "
        "eficaz a suspeitas de csec",
        "a identificação das vítimas de csec é fundamental",
        "os apoios e serviços adequados",
        "fatores de risco",
        "indicadores",
        "primeira pessoa a responder",
        "que não são emergências",
        "no centro",
    ],
}
BLOCK_TAGS = re.compile(r"<(h[2-4]|p|ul|ol|li)\b", re.IGNORECASE)
HREFS = re.compile(r'href="([^"]*)"')


def translated(language: str, relative: Path) -> Path:
    return CURRICULUM_DIR / language / relative


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shape_differences(english, translation, where="") -> list[str]:
    """Where a translation's structure or data differs from its English source."""
    if isinstance(english, dict):
        if not isinstance(translation, dict) or set(english) != set(translation):
            return [f"{where}: keys differ"]
        found = []
        for key in english:
            here = f"{where}.{key}"
            if key in KEPT_KEYS:
                if english[key] != translation[key]:
                    found.append(f"{here}: must stay {english[key]!r}")
            else:
                found += shape_differences(english[key], translation[key], here)
        return found
    if isinstance(english, list):
        if not isinstance(translation, list) or len(english) != len(translation):
            return [f"{where}: list length differs"]
        return [
            difference
            for index, (a, b) in enumerate(zip(english, translation, strict=True))
            for difference in shape_differences(a, b, f"{where}[{index}]")
        ]
    if isinstance(english, str):
        if not isinstance(translation, str) or not translation.strip():
            return [f"{where}: missing text"] if english.strip() else []
        if BLOCK_TAGS.findall(english) != BLOCK_TAGS.findall(translation):
            return [f"{where}: paragraphs, headings or list items differ"]
        if HREFS.findall(english) != HREFS.findall(translation):
            return [f"{where}: links differ"]
        return []
    return [] if english == translation else [f"{where}: {english!r} changed"]


FILE_PAIRS = [
    pytest.param(language, relative, id=f"{language}/{relative}")
    for language in LANGUAGES
    for relative in ENGLISH_FILES
]
LESSONS = [
    pytest.param(
        language, module, lesson, id=f"{language}/{path.stem}/{lesson['slug']}"
    )
    for language in LANGUAGES
    for path in MODULES
    if translated(language, path).exists()
    for module in [load(translated(language, path))]
    for lesson in module["lessons"]
]


@pytest.mark.parametrize("language, relative", FILE_PAIRS)
def test_every_english_file_has_its_translation(language, relative):
    assert translated(language, relative).exists()


@pytest.mark.parametrize("language, relative", FILE_PAIRS)
def test_a_translation_has_the_shape_of_its_english_file(language, relative):
    path = translated(language, relative)
    if relative.suffix == ".gift":
        english = parse_gift((CURRICULUM_DIR / relative).read_text(encoding="utf-8"))
        translation = parse_gift(path.read_text(encoding="utf-8"))
        assert len(translation) == len(english)
        for source, question in zip(english, translation, strict=True):
            assert (question.kind, question.category) == (source.kind, source.category)
            assert [c.correct for c in question.choices] == [
                c.correct for c in source.choices
            ], question.title
            assert question.explanation.strip() and question.prompt.strip()
            if question.kind == "scenario":
                assert question.case_text.strip()
    else:
        assert shape_differences(load(CURRICULUM_DIR / relative), load(path)) == []


@pytest.mark.parametrize("language, module, lesson", LESSONS)
def test_translated_lesson_reading_level(language, module, lesson, capsys):
    score = READING_EASE[language](lesson_text(lesson["body"]))
    with capsys.disabled():
        print(f"\n{language} {module['slug']}/{lesson['slug']}: {score:.1f}", end="")
    assert score >= MIN_READING_EASE[language][module["audience"]], f"{score:.1f}"


@pytest.mark.parametrize("language, relative", FILE_PAIRS)
def test_translations_keep_every_fact_rule(language, relative):
    path = translated(language, relative)
    text = path.read_text(encoding="utf-8")
    lowered = text.lower()
    for term in BANNED[language] + ["child prostitute", "average age of entry"]:
        assert term not in lowered, term
    plain = " ".join(strip_tags(text).split())
    for sentence in re.split(r"(?<=[.!?])\s+", plain):
        assert not DENIES_CHARGES_TRANSLATED[language].search(sentence), sentence
        assert not DENIES_CHARGES.search(sentence.lower()), sentence
        assert not DCF_FOR_ADVICE.search(sentence), sentence
    if relative.suffix == ".yaml" and "lessons" in (data := load(path)):
        for lesson in data["lessons"]:
            assert not PHONE.findall(lesson_text(lesson["body"])), lesson["slug"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translated_about_page_carries_the_clients_statements(language):
    about = translated(language, Path("pages/about-csec.yaml"))
    text = " ".join(strip_tags(about.read_text(encoding="utf-8")).split()).lower()
    missing = [s for s in CLIENT_STATEMENTS[language] if s not in text]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_door_labels_fit_their_field(language):
    """Longer words: the loader would refuse a label over the field's limit."""
    from audiences.models import AudiencePage

    limits = {
        name: AudiencePage._meta.get_field(name).max_length
        for name in ("door_label", "door_text")
    }
    for audience in load(CURRICULUM_DIR / language / "site.yaml")["audiences"]:
        for name, limit in limits.items():
            assert len(audience.get(name, "")) <= limit, (name, audience[name])
