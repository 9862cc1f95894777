"""Read and write Moodle GIFT, for the question types our quizzes have.

Skip or refuse. A block that is well-formed GIFT of a type the site does not
have is skipped, and listed with its line; the rest of the file imports:

- a description (no answer block, and no '=' or '~' that would be answers),
- an essay ('{}'), a numerical question ('{#...}'),
- a matching question ('{=a -> 1 =b -> 2}'),
- a short answer (no '~' and not T/F: '{=Ottawa =ottawa}', '{Ottawa}'),
- a missing-word question (text after the closing '}').

Anything else that does not read as GIFT refuses the whole file, every problem
reported with its line: a title without its closing '::', a '}' before the
'{', an unclosed or nested '{', a question that follows another with no blank
line between, answers with no '{' around them, and, in the choice and
true/false questions we import, a bad weight, a second '#' in an answer, an
empty answer, no right answer, two '=' without weights, a text longer than
its field (checked before it is cleaned), and a scenario without its one \\n.
The answers of a skipped type are never read, so they are not checked either.
A file with more questions than the caller allows is refused before any is read.

Why the line falls there: an unsupported type is exactly what it says, and
leaving it out loses that one question, which the preview names. A syntax
error means the file is not what its author thinks (an unclosed '{' swallows
the questions after it), so importing "the rest" would import the wrong thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from quizzes.gift.moodle import category_name, plain_to_gift_html, strip_format
from quizzes.gift.syntax import (
    MAX_CHOICE_CHARS,
    MAX_TEXT_CHARS,
    NEWLINE_PLACEHOLDER,
    Block,
    GiftChoice,
    QuestionError,
    Unsupported,
    hide_escapes,
    parse_answer_block,
    unescape,
)

__all__ = [
    "MAX_CHOICE_CHARS",
    "MAX_TEXT_CHARS",
    "GiftBank",
    "GiftChoice",
    "GiftError",
    "GiftQuestion",
    "parse_gift",
    "parse_gift_bank",
    "write_gift",
]

KINDS = ("single", "multiple", "true_false", "scenario")


@dataclass(frozen=True)
class GiftQuestion:
    """One question read from (or to be written to) a GIFT file."""

    title: str
    kind: str
    prompt: str
    case_text: str
    category: str  # the last part of $CATEGORY, lower case: a topic, or not
    explanation: str
    choices: tuple[GiftChoice, ...]
    # Where the question came from is not part of what the question is.
    line: int = field(default=0, compare=False)
    category_path: str = field(default="", compare=False)
    category_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class GiftBank:
    """A file as parsed: the questions we import, and the (line, why) skipped."""

    questions: tuple[GiftQuestion, ...]
    skipped: tuple[tuple[int, str], ...]


class GiftError(ValueError):
    """A GIFT file was rejected; `errors` holds every (line, message) found."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(message for _, message in self.errors))


_CATEGORY = re.compile(r"\s*\$CATEGORY:(.*)", re.IGNORECASE)
_ANSWER_MARKER = re.compile(r"[=~]")
_NEXT_QUESTION = re.compile(r"\n[ \t]*(?:::|\$CATEGORY:)", re.IGNORECASE)


@dataclass(frozen=True)
class _Category:
    key: str = ""
    shown: str = ""
    line: int = 0


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


def _is_question(lines: list[tuple[int, str]]) -> bool:
    return not all(_CATEGORY.match(line) for _, line in lines)


def parse_gift_bank(text: str, *, max_questions: int | None = None) -> GiftBank:
    """Parse GIFT, skipping the types we lack; GiftError lists every syntax error.

    With max_questions, a file with more questions is refused before any is read.
    """
    questions, skipped, errors = _parse(text, max_questions=max_questions)
    if errors:
        raise GiftError(errors)
    return GiftBank(
        tuple(questions),
        tuple((line, f"{what} - not supported, skipped") for line, what in skipped),
    )


def parse_gift(text: str) -> list[GiftQuestion]:
    """Parse GIFT in which every question is one we import, or raise GiftError."""
    # Strict: for our own files (the curriculum, exports), where a question of
    # a type we lack is a mistake, not something to leave out.
    questions, skipped, errors = _parse(text, max_questions=None)
    errors += [(line, f"Line {line}: {what} - not supported") for line, what in skipped]
    if errors:
        raise GiftError(errors)
    return questions


def _parse(
    text: str, *, max_questions: int | None
) -> tuple[list[GiftQuestion], list[tuple[int, str]], list[tuple[int, str]]]:
    """Return (questions, skipped (line, what), errors (line, message))."""
    blocks = _blocks(text.removeprefix("\ufeff"))
    if max_questions is not None:
        count = sum(map(_is_question, blocks))
        if count > max_questions:
            message = f"The file has {count} questions; import at most"
            raise GiftError([(0, f"{message} {max_questions} at a time: split it.")])
    questions: list[GiftQuestion] = []
    skipped: list[tuple[int, str]] = []
    errors: list[tuple[int, str]] = []
    category = _Category()
    for lines in blocks:
        while lines and (directive := _CATEGORY.match(lines[0][1])):
            shown, key = category_name(directive.group(1))
            category = _Category(key=key, shown=shown, line=lines[0][0])
            lines = lines[1:]
        if not lines:
            continue
        block = Block(
            text=hide_escapes("\n".join(line for _, line in lines)),
            line_numbers=tuple(number for number, _ in lines),
        )
        try:
            questions.append(_parse_question(block, category))
        except QuestionError as error:
            line, message = error.args
            errors.append((line, f"Line {line}: {message}"))
        except Unsupported as unsupported:
            skipped.append(unsupported.args)
    return questions, skipped, errors


def _parse_question(block: Block, category: _Category) -> GiftQuestion:
    """Parse one blank-line separated block into a question."""
    source = block.text
    start = len(source) - len(source.lstrip())
    title, body_start = "", start
    if source.startswith("::", start):
        title_end = source.find("::", start + 2)
        if title_end < 0:
            raise block.fail(start, "the title has no closing '::'")
        title = unescape(source[start + 2 : title_end])
        body_start = title_end + 2
    opening = source.find("{", body_start)
    stray = source.find("}", body_start, None if opening < 0 else opening)
    if stray >= 0:
        raise block.fail(stray, "unexpected '}' before '{' (escape it as \\})")
    if opening < 0:
        if _ANSWER_MARKER.search(source, body_start):
            raise block.fail(start, "missing '{': every question needs an answer block")
        raise block.skip(start, "description (no answer block; missing '{'?)")
    closing = source.find("}", opening)
    if closing < 0:
        raise block.fail(opening, "unclosed '{': no '}' before the question ends")
    nested = source.find("{", opening + 1, closing)
    if nested >= 0:
        raise block.fail(nested, "unexpected '{' in the answers (missing '}'?)")
    _check_tail(block, closing)
    kind, choices, explanation = parse_answer_block(block, start, opening, closing)
    question_text = source[body_start:opening]
    if title.lower().startswith("scenario"):
        kind, case_text, prompt = _split_scenario(block, start, kind, question_text)
    else:
        case_text, prompt = "", block.rich(start, question_text, "the question text")
    if not prompt:
        raise block.fail(start, "the question text is empty")
    return GiftQuestion(
        title,
        kind,
        prompt,
        case_text,
        category.key,
        explanation,
        choices,
        line=block.line_at(start),
        category_path=category.shown,
        category_line=category.line,
    )


def _check_tail(block: Block, closing: int) -> None:
    """Text after the answer block: a missing blank line, or a missing word."""
    tail = block.text[closing + 1 :]
    if not tail.strip():
        return
    at = closing + 1 + len(tail) - len(tail.lstrip())
    if "{" in tail or "}" in tail or _NEXT_QUESTION.search(tail):
        raise block.fail(
            at,
            "text after the closing '}' starts another question: "
            "put a blank line between two questions",
        )
    raise block.skip(
        at,
        "missing-word question (text after the closing '}': "
        "answers in the middle of text)",
    )


def _split_scenario(
    block: Block, start: int, kind: str, question_text: str
) -> tuple[str, str, str]:
    """Return ("scenario", case text, prompt) for a question titled Scenario..."""
    if kind == "true_false":
        raise block.fail(start, "a scenario must be single or multiple choice")
    separators = question_text.count(NEWLINE_PLACEHOLDER)
    if separators != 1:
        message = f"a scenario needs exactly one \\n, found {separators}"
        raise block.fail(start, f"{message} (case \\n question)")
    # A format prefix comes before the case, not before the question.
    case_raw, prompt_raw = strip_format(question_text.lstrip()).split(
        NEWLINE_PLACEHOLDER
    )
    case_text = block.rich(start, case_raw, "the scenario case text")
    prompt = block.rich(start, prompt_raw, "the question text")
    if not case_text:
        raise block.fail(start, "the scenario case text before \\n is empty")
    return "scenario", case_text, prompt


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


_ESCAPE_ON_WRITE = str.maketrans({c: "\\" + c for c in "\\~=#{}:"} | {"\n": "\\n"})


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_ON_WRITE)


def _escape_plain(text: str) -> str:
    # Choices and feedback are plain text read back as HTML: "<3" stays "<3".
    return _escape(plain_to_gift_html(text))


def _write_true_false(question: GiftQuestion) -> str:
    texts = tuple(choice.text for choice in question.choices)
    right = [choice for choice in question.choices if choice.correct]
    if texts != ("True", "False") or len(right) != 1:
        raise ValueError(f"{question.title!r}: true/false needs True, False, one right")
    wrong = next(choice for choice in question.choices if not choice.correct)
    answer = right[0].text.upper()
    if right[0].feedback:
        wrong_feedback = _escape_plain(wrong.feedback)
        return f"{answer}#{wrong_feedback}#{_escape_plain(right[0].feedback)}"
    if wrong.feedback:
        return f"{answer}#{_escape_plain(wrong.feedback)}"
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
        feedback = f"#{_escape_plain(choice.feedback)}" if choice.feedback else ""
        written.append(f"{marker}{_escape_plain(choice.text)}{feedback}")
    return written
