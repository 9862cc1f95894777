"""Parse and write the subset of Moodle GIFT that our quizzes use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from training.sanitize import sanitize_html

TOPICS = frozenset(
    {
        "definitions",
        "risk factors",
        "indicators",
        "first-responder duties",
        "mandated reporting",
    }
)
KINDS = ("single", "multiple", "true_false", "scenario")
ALLOWED_TAGS = frozenset(
    {"b", "i", "strong", "em", "p", "br", "ul", "ol", "li", "code", "sub", "sup"}
)


@dataclass(frozen=True)
class GiftChoice:
    """One answer option of a question."""

    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class GiftQuestion:
    """One question read from (or to be written to) a GIFT file."""

    title: str
    kind: str
    prompt: str
    case_text: str
    category: str
    explanation: str
    choices: tuple[GiftChoice, ...]
    # Where the question came from is not part of what the question is.
    line: int = field(default=0, compare=False)


class GiftError(ValueError):
    """A GIFT file was rejected; `errors` holds every (line, message) found."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(message for _, message in self.errors))


def sanitize(text: str) -> str:
    """Return text with only basic formatting tags; everything else is removed."""
    return sanitize_html(text, tags=ALLOWED_TAGS)


# Escaped characters are swapped for private-use placeholders while the
# structure ({ } = ~ # ::) is parsed, then restored in each text field.
_ESCAPABLE = "\\~=#{}:n"
_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
_NEWLINE_PLACEHOLDER = _PLACEHOLDERS["n"]
_ESCAPE_SEQUENCE = re.compile(r"\\([\\~=#{}:n])")
_RESTORE = str.maketrans({p: "\n" if c == "n" else c for c, p in _PLACEHOLDERS.items()})
_ESCAPE_ON_WRITE = str.maketrans({c: "\\" + c for c in "\\~=#{}:"} | {"\n": "\\n"})
_PHYSICAL_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _hide_escapes(text: str) -> str:
    return _ESCAPE_SEQUENCE.sub(lambda match: _PLACEHOLDERS[match.group(1)], text)


def _plain(raw: str) -> str:
    """Turn raw GIFT text into a stripped, unescaped string (no sanitising)."""
    # A line break in the file is layout; only the \n escape means "new line".
    return _PHYSICAL_LINE_BREAK.sub(" ", raw).translate(_RESTORE).strip()


def _text(raw: str) -> str:
    """Turn raw GIFT text into a sanitised text field."""
    return sanitize(_plain(raw)).strip()


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_ON_WRITE)


_FORMAT_PREFIX = re.compile(r"\s*\[(?:html|plain|moodle|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%([^%\n]*)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = re.compile(r"\s*\$CATEGORY:(.*)", re.IGNORECASE)


class _QuestionError(Exception):
    """Stops parsing one question (args: line, message); parsing moves on."""


@dataclass(frozen=True)
class _Block:
    """Consecutive non-blank lines (comments dropped), escapes hidden."""

    text: str
    line_numbers: tuple[int, ...]

    def line_at(self, position: int) -> int:
        """Return the file line number of a position in `text`."""
        return self.line_numbers[self.text.count("\n", 0, position)]

    def fail(self, position: int, message: str) -> _QuestionError:
        return _QuestionError(self.line_at(position), message)


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Split the file into blank-line separated blocks of (line number, line)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def parse_gift(text: str) -> list[GiftQuestion]:
    """Parse GIFT text; raise GiftError listing every problem if any are found."""
    questions: list[GiftQuestion] = []
    errors: list[tuple[int, str]] = []
    category = ""
    for lines in _blocks(text.removeprefix("\ufeff")):
        while lines and (directive := _CATEGORY.match(lines[0][1])):
            category = directive.group(1).strip().rstrip("/").rsplit("/", 1)[-1]
            category = category.strip().lower()
            lines = lines[1:]
        if not lines:
            continue
        block = _Block(
            text=_hide_escapes("\n".join(line for _, line in lines)),
            line_numbers=tuple(number for number, _ in lines),
        )
        try:
            questions.append(_parse_question(block, category))
        except _QuestionError as error:
            line, message = error.args
            errors.append((line, f"Line {line}: {message}"))
    if errors:
        raise GiftError(errors)
    return questions


def _parse_question(block: _Block, category: str) -> GiftQuestion:
    """Parse one blank-line separated block into a question."""
    source = block.text
    start = len(source) - len(source.lstrip())
    title, body_start = "", start
    if source.startswith("::", start):
        title_end = source.find("::", start + 2)
        if title_end < 0:
            raise block.fail(start, "the title has no closing '::'")
        title = _plain(source[start + 2 : title_end])
        body_start = title_end + 2
    opening = source.find("{", body_start)
    if opening < 0:
        raise block.fail(start, "missing '{': every question needs an answer block")
    stray = source.find("}", body_start, opening)
    if stray >= 0:
        raise block.fail(stray, "unexpected '}' before '{' (escape it as \\})")
    closing = source.find("}", opening)
    if closing < 0:
        raise block.fail(opening, "unclosed '{': no '}' before the question ends")
    nested = source.find("{", opening + 1, closing)
    if nested >= 0:
        raise block.fail(nested, "unexpected '{' in the answers (missing '}'?)")
    tail = source[closing + 1 :]
    if tail.strip():
        raise block.fail(
            closing + 1 + len(tail) - len(tail.lstrip()),
            "text after the closing '}': answers in the middle of text are not "
            "supported (or a blank line between two questions is missing)",
        )
    kind, choices, explanation = _parse_answer_block(block, opening, closing)
    question_text = source[body_start:opening]
    if prefix := _FORMAT_PREFIX.match(question_text):
        question_text = question_text[prefix.end() :]
    case_text, prompt = "", _text(question_text)
    if title.lower().startswith("scenario"):
        kind, case_text, prompt = _split_scenario(block, start, kind, question_text)
    if not prompt:
        raise block.fail(start, "the question text is empty")
    line = block.line_at(start)
    fields = title, kind, prompt, case_text, category, explanation, choices, line
    return GiftQuestion(*fields)


def _split_scenario(
    block: _Block, start: int, kind: str, question_text: str
) -> tuple[str, str, str]:
    """Return ("scenario", case text, prompt) for a question titled Scenario..."""
    if kind == "true_false":
        raise block.fail(start, "a scenario must be single or multiple choice")
    separators = question_text.count(_NEWLINE_PLACEHOLDER)
    if separators != 1:
        message = f"a scenario needs exactly one \\n, found {separators}"
        raise block.fail(start, f"{message} (case \\n question)")
    case_raw, prompt_raw = question_text.split(_NEWLINE_PLACEHOLDER)
    case_text, prompt = _text(case_raw), _text(prompt_raw)
    if not case_text:
        raise block.fail(start, "the scenario case text before \\n is empty")
    return "scenario", case_text, prompt


def _parse_answer_block(
    block: _Block, opening: int, closing: int
) -> tuple[str, tuple[GiftChoice, ...], str]:
    """Return (kind, choices, explanation) for the text between { and }."""
    body = block.text[opening + 1 : closing]
    explanation = ""
    if (general := body.find("####")) >= 0:
        explanation = _text(body[general + 4 :])
        body = body[:general]
    answers = body.strip()
    if not answers:
        raise block.fail(opening, "essay questions ('{}') are not supported")
    if answers.startswith("#"):
        raise block.fail(opening, "numeric questions ('{#...}') are not supported")
    head, *feedbacks = answers.split("#")
    if head.strip().upper() in _TRUE_FALSE:
        is_true = _TRUE_FALSE[head.strip().upper()]
        choices = _true_false_choices(block, opening, is_true, feedbacks)
        return "true_false", choices, explanation
    if "->" in answers:
        raise block.fail(opening, "matching questions ('->') are not supported")
    if answers[0] not in "=~":
        raise block.fail(opening, "answers must start with '=' (right) or '~' (wrong)")
    parsed = _split_answers(block, opening + 1, body)
    kind, choices = _choice_kind_and_choices(block, opening, parsed)
    return kind, choices, explanation


def _true_false_choices(
    block: _Block, opening: int, is_true: bool, feedbacks: list[str]
) -> tuple[GiftChoice, ...]:
    if len(feedbacks) > 2:
        raise block.fail(opening, "true/false has at most two #feedbacks")
    # Moodle order: the first feedback is shown for the wrong answer.
    wrong_feedback, right_feedback = [*map(_text, feedbacks), "", ""][:2]
    return (
        GiftChoice("True", is_true, right_feedback if is_true else wrong_feedback),
        GiftChoice("False", not is_true, wrong_feedback if is_true else right_feedback),
    )


def _split_answers(
    block: _Block, offset: int, body: str
) -> list[tuple[str, bool, GiftChoice]]:
    """Split answers at each unescaped '=' or '~' into (marker, weighted, choice)."""
    answers = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        marker, chunk, at, weight = match[1], match[2], offset + match.start(), None
        if weight_match := _WEIGHT.match(chunk):
            weight = _parse_weight(block, at, weight_match[1])
            chunk = chunk[weight_match.end() :]
        text, *feedback = map(_text, chunk.split("#"))
        if len(feedback) > 1:
            raise block.fail(at, "more than one '#' in an answer (escape it: \\#)")
        if not text:
            raise block.fail(at, "an answer is empty")
        if text.startswith("%"):
            raise block.fail(at, "answer text cannot start with '%' (weight: %50%)")
        correct = marker == "=" or (weight or 0) > 0
        choice = GiftChoice(text, correct, "".join(feedback))
        answers.append((marker, weight is not None, choice))
    return answers


def _parse_weight(block: _Block, position: int, raw: str) -> Decimal:
    try:
        weight = Decimal(raw.strip())
    except InvalidOperation:
        weight = Decimal("NaN")
    if not weight.is_finite() or abs(weight) > 100:
        raise block.fail(position, f"invalid weight '%{raw}%' (use -100 to 100)")
    return weight


def _choice_kind_and_choices(
    block: _Block, opening: int, answers: list[tuple[str, bool, GiftChoice]]
) -> tuple[str, tuple[GiftChoice, ...]]:
    """Decide single versus multiple select from the markers and weights."""
    right = sum(marker == "=" for marker, _, _ in answers)
    if right == len(answers):
        raise block.fail(opening, "short answer ('=' only, no '~') is not supported")
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


def write_gift(questions: Iterable[GiftQuestion]) -> str:
    """Return GIFT text that parse_gift reads back as the same questions."""
    sections: list[str] = []
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            if category != category.strip().lower() or {"/", "\n"} & set(category):
                raise ValueError(f"category {category!r} cannot be written to GIFT")
            sections.append(f"$CATEGORY: {category}\n")
        sections.append(_write_question(question))
    return "\n".join(sections)


def _write_question(question: GiftQuestion) -> str:
    if question.kind not in KINDS:
        raise ValueError(f"unknown question kind {question.kind!r}")
    if (question.kind == "scenario") != question.title.lower().startswith("scenario"):
        raise ValueError(
            f"{question.title!r}: only scenario titles may start with 'Scenario'"
        )
    text = _escape(question.prompt)
    if question.kind == "scenario":
        if "\n" in question.case_text + question.prompt:
            raise ValueError(f"{question.title!r}: a scenario cannot contain newlines")
        text = f"{_escape(question.case_text)} \\n {text}"
    # [html] states the truth (texts are sanitised HTML) and protects a prompt
    # that itself starts with something like "[plain]".
    lines = [f"::{_escape(question.title)}::[html]{text} {{"]
    if question.kind == "true_false":
        lines.append("    " + _write_true_false(question))
    else:
        lines.extend("    " + answer for answer in _write_choices(question))
    if question.explanation:
        lines.append(f"    ####{_escape(question.explanation)}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _write_true_false(question: GiftQuestion) -> str:
    texts = tuple(choice.text for choice in question.choices)
    right = [choice for choice in question.choices if choice.correct]
    if texts != ("True", "False") or len(right) != 1:
        raise ValueError(f"{question.title!r}: true/false needs True, False, one right")
    wrong = next(choice for choice in question.choices if not choice.correct)
    answer = right[0].text.upper()
    if right[0].feedback:
        return f"{answer}#{_escape(wrong.feedback)}#{_escape(right[0].feedback)}"
    if wrong.feedback:
        return f"{answer}#{_escape(wrong.feedback)}"
    return answer


def _write_choices(question: GiftQuestion) -> list[str]:
    right = sum(choice.correct for choice in question.choices)
    if right == 0 or len(question.choices) < 2:
        raise ValueError(f"{question.title!r}: needs two answers and a right one")
    single = question.kind == "single" or (question.kind == "scenario" and right == 1)
    if question.kind == "single" and right != 1:
        raise ValueError(f"{question.title!r}: single choice needs one right answer")
    # 50, 33.33333, 12.5: the decimals in Moodle's list of allowed grades.
    share = format((Decimal(100) / right).quantize(Decimal("1e-5")).normalize(), "f")
    written = []
    for choice in question.choices:
        if choice.text.startswith("%"):
            raise ValueError(f"{choice.text!r}: an answer cannot start with '%'")
        if single:
            marker = "=" if choice.correct else "~"
        else:
            marker = f"~%{share}%" if choice.correct else "~%-100%"
        feedback = f"#{_escape(choice.feedback)}" if choice.feedback else ""
        written.append(f"{marker}{_escape(choice.text)}{feedback}")
    return written
