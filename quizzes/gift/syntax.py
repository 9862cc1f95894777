"""GIFT syntax below the question: escapes, a question's lines, its answer block.

quizzes.gift.parser reads files and questions with these; nothing else should need to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from quizzes.gift.moodle import plain_text, rich_text, strip_format

# Checked on the text as written, before cleaning, so that a huge field costs
# nothing to refuse. 500 is Choice.text's max_length (a test keeps them equal).
MAX_TEXT_CHARS = 5000
MAX_CHOICE_CHARS = 500


@dataclass(frozen=True)
class GiftChoice:
    """One answer option of a question."""

    text: str
    correct: bool
    feedback: str = ""


# Escaped characters are swapped for private-use placeholders while the
# structure ({ } = ~ # ::) is parsed, then restored in each text field.
_ESCAPABLE = "\\~=#{}:n"
_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
NEWLINE_PLACEHOLDER = _PLACEHOLDERS["n"]
_ESCAPE_SEQUENCE = re.compile(r"\\([\\~=#{}:n])")
_RESTORE = str.maketrans({p: "\n" if c == "n" else c for c, p in _PLACEHOLDERS.items()})


def hide_escapes(text: str) -> str:
    return _ESCAPE_SEQUENCE.sub(lambda match: _PLACEHOLDERS[match.group(1)], text)


def unescape(raw: str) -> str:
    """Turn raw GIFT text into a stripped, unescaped string (no sanitising)."""
    # A line break in the file is layout; only the \n escape means "new line".
    # (Split rather than a regex: "[ \t]*\n" is quadratic on a run of spaces.)
    lines = (line.strip(" \t") for line in raw.split("\n"))
    return " ".join(lines).translate(_RESTORE).strip()


_WEIGHT = re.compile(r"\s*%([^%\n]*)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


class QuestionError(Exception):
    """Stops parsing one question (args: line, message); parsing moves on."""


class Unsupported(Exception):
    """A well-formed question of a type we do not have (args: line, what it is)."""


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines (comments dropped), escapes hidden."""

    text: str
    line_numbers: tuple[int, ...]

    def line_at(self, position: int) -> int:
        """Return the file line number of a position in `text`."""
        return self.line_numbers[self.text.count("\n", 0, position)]

    def fail(self, position: int, message: str) -> QuestionError:
        return QuestionError(self.line_at(position), message)

    def skip(self, position: int, what: str) -> Unsupported:
        return Unsupported(self.line_at(position), what)

    def rich(self, position: int, raw: str, what: str) -> str:
        return rich_text(self.checked(position, raw, what, MAX_TEXT_CHARS))

    def plain(self, position: int, raw: str, what: str, limit: int) -> str:
        return plain_text(self.checked(position, raw, what, limit))

    def checked(self, position: int, raw: str, what: str, limit: int) -> str:
        """Raw text as a plain string, once it is known to fit its field."""
        raw = raw.strip()
        if len(raw) > limit:
            message = f"{what} has {len(raw)} characters; at most {limit} fit"
            raise self.fail(position, f"{message} (shorten it)")
        return strip_format(unescape(raw))


def parse_answer_block(
    block: Block, start: int, opening: int, closing: int
) -> tuple[str, tuple[GiftChoice, ...], str]:
    """Return (kind, choices, explanation) for the text between { and }."""
    body = block.text[opening + 1 : closing]
    general = body.find("####")
    answer_text = body if general < 0 else body[:general]
    answers = answer_text.strip()
    # Told apart as Moodle does, except that true/false is looked for first.
    if not answers:
        raise block.skip(start, "essay question ('{}')")
    if answers.startswith("#"):
        raise block.skip(start, "numerical question ('{#...}')")
    head, *feedbacks = answers.split("#")
    if head.strip().upper() in _TRUE_FALSE:
        is_true = _TRUE_FALSE[head.strip().upper()]
        kind = "true_false"
        choices = _true_false_choices(block, opening, is_true, feedbacks)
    elif "~" in answers:
        if answers[0] not in "=~":
            message = "answers must start with '=' (right) or '~' (wrong)"
            raise block.fail(opening, message)
        parsed = _split_answers(block, opening + 1, answer_text)
        kind, choices = _choice_kind_and_choices(block, opening, parsed)
    elif "=" in answers and "->" in answers:
        raise block.skip(start, "matching question ('->')")
    else:
        raise block.skip(start, "short answer question ('=' answers, no '~')")
    explanation = ""
    if general >= 0:
        at = opening + 1 + general + 4
        explanation = block.rich(at, body[general + 4 :], "the general feedback")
    return kind, choices, explanation


def _true_false_choices(
    block: Block, opening: int, is_true: bool, feedbacks: list[str]
) -> tuple[GiftChoice, ...]:
    if len(feedbacks) > 2:
        raise block.fail(opening, "true/false has at most two #feedbacks")
    # Moodle order: the first feedback is shown for the wrong answer.
    texts = [
        block.plain(opening, raw, "the feedback", MAX_TEXT_CHARS) for raw in feedbacks
    ]
    wrong_feedback, right_feedback = [*texts, "", ""][:2]
    return (
        GiftChoice("True", is_true, right_feedback if is_true else wrong_feedback),
        GiftChoice("False", not is_true, wrong_feedback if is_true else right_feedback),
    )


def _split_answers(
    block: Block, offset: int, body: str
) -> list[tuple[str, bool, GiftChoice]]:
    """Split answers at each unescaped '=' or '~' into (marker, weighted, choice)."""
    answers = []
    for number, match in enumerate(re.finditer(r"([=~])([^=~]*)", body), start=1):
        marker, chunk, at, weight = match[1], match[2], offset + match.start(), None
        if weight_match := _WEIGHT.match(chunk):
            weight = _parse_weight(block, at, weight_match[1])
            chunk = chunk[weight_match.end() :]
        text_raw, *feedback_raw = chunk.split("#")
        if len(feedback_raw) > 1:
            raise block.fail(at, "more than one '#' in an answer (escape it: \\#)")
        text = block.plain(at, text_raw, f"answer {number}", MAX_CHOICE_CHARS)
        feedback = "".join(
            block.plain(at, raw, f"the feedback on answer {number}", MAX_TEXT_CHARS)
            for raw in feedback_raw
        )
        if not text:
            raise block.fail(at, "an answer is empty")
        if text.startswith("%"):
            raise block.fail(at, "answer text cannot start with '%' (weight: %50%)")
        correct = marker == "=" or (weight or 0) > 0
        answers.append(
            (marker, weight is not None, GiftChoice(text, correct, feedback))
        )
    return answers


def _parse_weight(block: Block, position: int, raw: str) -> Decimal:
    try:
        weight = Decimal(raw.strip())
    except InvalidOperation:
        weight = Decimal("NaN")
    if not weight.is_finite() or abs(weight) > 100:
        raise block.fail(position, f"invalid weight '%{raw}%' (use -100 to 100)")
    return weight


def _choice_kind_and_choices(
    block: Block, opening: int, answers: list[tuple[str, bool, GiftChoice]]
) -> tuple[str, tuple[GiftChoice, ...]]:
    """Decide single versus multiple select from the markers and weights."""
    right = sum(marker == "=" for marker, _, _ in answers)
    weighted = any(weighted for _, weighted, _ in answers)
    choices = tuple(choice for _, _, choice in answers)
    if not weighted and right == 0:
        raise block.fail(opening, "no correct answer: mark the right one with '='")
    if not weighted and right > 1:
        message = f"single choice has {right} answers marked '=', not one"
        raise block.fail(opening, f"{message} (multiple select uses ~%50%)")
    if len(choices) < 2:
        raise block.fail(opening, "a choice question needs at least two answers")
    if weighted and not any(choice.correct for choice in choices):
        raise block.fail(opening, "no correct answer: no positive %weight%")
    return ("multiple" if weighted else "single"), choices
