"""Plain text and reading level of lesson bodies in curriculum block form.

English: Flesch-Kincaid grade. Spanish: the Fernandez-Huerta index. Portuguese:
the Martins et al. (1996) adaptation of Flesch reading ease. Higher index = easier.
"""

from __future__ import annotations

from html.parser import HTMLParser

import textstat
from textstat.backend.metrics import (
    fernandez_huerta as _fernandez_huerta,
)
from textstat.backend.metrics import (
    syllables_per_word,
    words_per_sentence,
)

# Keys whose values are data for the page, not words a learner reads.
_SKIPPED_KEYS = {"url", "href", "kind", "correct"}


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML fragment, one space between elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def strip_tags(html: str) -> str:
    """Return the text of an HTML fragment with tags removed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _leaves(value: object) -> list[str]:
    """Return every string leaf of a nested block value, skipping non-reading keys."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            leaf
            for key, item in value.items()
            if key not in _SKIPPED_KEYS
            for leaf in _leaves(item)
        ]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return []


def block_text(block: dict) -> str:
    """Return the plain text a learner reads in one block ("" for a sources block)."""
    if block.get("type") == "sources":
        return ""
    return "\n".join(
        text
        for text in (strip_tags(leaf) for leaf in _leaves(block.get("value")))
        if text
    )


def lesson_text(body: list[dict]) -> str:
    """Return the plain text of a lesson body, one block per paragraph."""
    return "\n\n".join(text for text in (block_text(block) for block in body) if text)


def fk_grade(text: str) -> float:
    """Return the Flesch-Kincaid grade level of text (0.0 for empty text)."""
    if not text.strip():
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


def fernandez_huerta(text: str) -> float:
    """206.84 - 60 x syllables per word - 1.02 x words per sentence (Spanish)."""
    return float(_fernandez_huerta(text, "es")) if text.strip() else 0.0


def flesch_martins(text: str) -> float:
    """248.835 - 1.015 x words per sentence - 84.6 x syllables per word (Portuguese)."""
    if not text.strip():
        return 0.0
    return (
        248.835
        - 1.015 * words_per_sentence(text)
        - 84.6 * syllables_per_word(text, "pt_PT")
    )
