"""A pseudo-translation of curriculum files: every text a reader sees gets a
"[es] " mark, in the exact shape TRANSLATING.md asks of a real translation.

Loader tests use it so they do not depend on the real translations' wording.
"""

import dataclasses
import re
from pathlib import Path

import yaml

from quizzes.gift.parser import parse_gift, write_gift
from tests.training.test_curriculum_translations import KEPT_KEYS

OPENING_TAG = re.compile(r"(<(?:p|li|h2|h3|h4)\b[^>]*>)")


def mark_text(text: str, mark: str) -> str:
    if "<" in text:
        return OPENING_TAG.sub(lambda match: match[1] + mark, text)
    return mark + text if text.strip() else text


def mark_value(value, mark: str, key: str = ""):
    if key in KEPT_KEYS:
        return value
    if isinstance(value, dict):
        return {name: mark_value(item, mark, name) for name, item in value.items()}
    if isinstance(value, list):
        return [mark_value(item, mark, key) for item in value]
    if isinstance(value, str):
        return mark_text(value, mark)
    return value


def mark_gift(text: str, mark: str) -> str:
    def marked(question):
        return dataclasses.replace(
            question,
            prompt=mark + question.prompt,
            case_text=mark + question.case_text if question.case_text else "",
            explanation=mark + question.explanation if question.explanation else "",
            choices=tuple(
                dataclasses.replace(
                    choice,
                    text=choice.text
                    if question.kind == "true_false"
                    else mark + choice.text,
                    feedback=mark + choice.feedback if choice.feedback else "",
                )
                for choice in question.choices
            ),
        )

    return write_gift(marked(question) for question in parse_gift(text))


def pseudo_translate(directory: Path, language: str = "es") -> Path:
    """Write `directory/<language>/` from the English files in `directory`."""
    mark = f"[{language}] "
    target = directory / language
    (target / "pages").mkdir(parents=True, exist_ok=True)
    for path in [*directory.glob("*.yaml"), *directory.glob("pages/*.yaml")]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        relative = path.relative_to(directory)
        (target / relative).write_text(
            yaml.safe_dump(mark_value(data, mark), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    for path in directory.glob("*.gift"):
        (target / path.name).write_text(
            mark_gift(path.read_text(encoding="utf-8"), mark), encoding="utf-8"
        )
    return target
