"""Tests for the GIFT parser, writer and sanitiser in quizzes.gift.parser."""

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.choices import Topic
from quizzes.gift.moodle import sanitize
from quizzes.gift.parser import (
    GiftChoice,
    GiftError,
    GiftQuestion,
    parse_gift,
    write_gift,
)

SAMPLE = r"""// Sample bank using every GIFT feature the importer supports.
$CATEGORY: $course$/Safeguarding/Definitions

// Single choice, one answer per line, per-answer and general feedback.
::Q1 Neglect:: [html]What does <b>neglect</b> mean? {
    =Persistent failure#Right\: by definition.
    // a comment inside the answers is ignored too
    ~A single missed meal#No, neglect is persistent.
    ~Any disagreement with a parent
    ####Neglect is <em>persistent</em>.
}

::Q2 Escapes\: all:: Which are special\: \~ \= \# \{ \} and \\? {=All of them ~None}


$CATEGORY: $course$/Safeguarding/ Risk Factors
// Multiple select with weights; the question text spans two lines.
::Q3 Risks:: [plain]Select all
    risk factors. {
    ~%50%Parental substance misuse#Yes
    ~%50%Domestic abuse
    ~%-100%Living in a flat#No: not alone.
}

::Q4 Bruising:: A baby bruise is a concern. {TRUE#Wrong.#Right.####Babies seldom do.}

::Q5 Secrets:: [moodle]A disclosure can be kept secret.\nThink first. {F}

$CATEGORY:mandated reporting

::Scenario 1:: [markdown]A pupil says she is scared to go home.\nWhat do you do first? {
    =Listen and record her words
    ~Promise to keep it secret#Never promise secrecy.
}

::SCENARIO 2:: Case one \n Pick two {~%50%A ~%50%B ~%0%C ####Both A and B.}

Untitled question {=yes ~no}
"""


def choice(text, correct=False, feedback=""):
    return GiftChoice(text=text, correct=correct, feedback=feedback)


def question(title, kind, prompt, choices, *, category, case="", explanation=""):
    fields = title, kind, prompt, case, category, explanation, tuple(choices)
    return GiftQuestion(*fields)


EXPECTED = [
    question(
        "Q1 Neglect",
        "single",
        "What does <b>neglect</b> mean?",
        [
            choice("Persistent failure", True, "Right: by definition."),
            choice("A single missed meal", False, "No, neglect is persistent."),
            choice("Any disagreement with a parent"),
        ],
        category="definitions",
        explanation="Neglect is <em>persistent</em>.",
    ),
    question(
        "Q2 Escapes: all",
        "single",
        "Which are special: ~ = # { } and \\?",
        [choice("All of them", True), choice("None")],
        category="definitions",
    ),
    question(
        "Q3 Risks",
        "multiple",
        "Select all risk factors.",
        [
            choice("Parental substance misuse", True, "Yes"),
            choice("Domestic abuse", True),
            choice("Living in a flat", False, "No: not alone."),
        ],
        category="risk factors",
    ),
    question(
        "Q4 Bruising",
        "true_false",
        "A baby bruise is a concern.",
        [choice("True", True, "Right."), choice("False", False, "Wrong.")],
        category="risk factors",
        explanation="Babies seldom do.",
    ),
    question(
        "Q5 Secrets",
        "true_false",
        "A disclosure can be kept secret.\nThink first.",
        [choice("True", False), choice("False", True)],
        category="risk factors",
    ),
    question(
        "Scenario 1",
        "scenario",
        "What do you do first?",
        [
            choice("Listen and record her words", True),
            choice("Promise to keep it secret", False, "Never promise secrecy."),
        ],
        category="mandated reporting",
        case="A pupil says she is scared to go home.",
    ),
    question(
        "SCENARIO 2",
        "scenario",
        "Pick two",
        [choice("A", True), choice("B", True), choice("C", False)],
        category="mandated reporting",
        case="Case one",
        explanation="Both A and B.",
    ),
    question(
        "",
        "single",
        "Untitled question",
        [choice("yes", True), choice("no")],
        category="mandated reporting",
    ),
]


def test_sample_parses_to_expected_questions():
    assert parse_gift(SAMPLE) == EXPECTED


def test_sample_records_the_line_each_question_starts_on():
    lines = [parsed.line for parsed in parse_gift(SAMPLE)]
    assert lines == [5, 13, 18, 25, 27, 31, 36, 38]


def test_sample_round_trips():
    parsed = parse_gift(SAMPLE)
    assert parse_gift(write_gift(parsed)) == parsed


def test_writer_output_format():
    written = write_gift(parse_gift(SAMPLE)[1:4])
    assert (
        written
        == textwrap.dedent(
            r"""
        $CATEGORY: definitions

        ::Q2 Escapes\: all::[html]Which are special\: \~ \= \# \{ \} and \\? {
            =All of them
            ~None
        }

        $CATEGORY: risk factors

        ::Q3 Risks::[html]Select all risk factors. {
            ~%50%Parental substance misuse#Yes
            ~%50%Domestic abuse
            ~%-100%Living in a flat#No\: not alone.
        }

        ::Q4 Bruising::[html]A baby bruise is a concern. {
            TRUE#Wrong.#Right.
            ####Babies seldom do.
        }
        """
        ).lstrip()
    )


def test_writer_uses_weights_that_sum_to_100():
    three = question(
        "Three",
        "multiple",
        "Pick",
        [choice("a", True), choice("b", True), choice("c", True), choice("d")],
        category="",
    )
    written = write_gift([three])
    assert written.count("~%33.33333%") == 3
    assert "~%-100%d" in written
    assert parse_gift(written) == [three]


def test_writer_rejects_a_scenario_without_a_scenario_title():
    bad = question(
        "Q", "scenario", "p", [choice("a", True), choice("b")], category="", case="c"
    )
    with pytest.raises(ValueError, match="Scenario"):
        write_gift([bad])


def test_writer_rejects_single_choice_with_two_right_answers():
    bad = question(
        "Q", "single", "p", [choice("a", True), choice("b", True)], category=""
    )
    with pytest.raises(ValueError, match="one right answer"):
        write_gift([bad])


# --- malformed input ----------------------------------------------------------

GOOD = "::Good:: Fine? {=yes ~no}\n\n"


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("::Bad:: Open? {\n  =yes\n  ~no\n", 3, "unclosed '{'"),
        ("::Bad:: No brace here\n", 3, "missing '{'"),
        ("::Bad:: None right? {\n  ~a\n  ~b\n}\n", 3, "no correct answer"),
        ("::Bad:: Weights? {~%0%a ~%-50%b}\n", 3, "positive %weight%"),
        ("::Bad:: Two? {\n  =a\n  =b\n  ~c\n}\n", 3, "2 answers marked '='"),
        ("::Bad:: Short? {=a =b}\n", 3, "short answer"),
        ("::Bad:: Short? {=a}\n", 3, "short answer"),
        ("::Bad:: Number? {#3:1}\n", 3, "numeric"),
        ("::Bad:: Essay? {}\n", 3, "essay"),
        ("::Bad:: Match? {=a -> 1 =b -> 2}\n", 3, "matching"),
        ("::Scenario X:: No separator {=a ~b}\n", 3, "exactly one \\n"),
        ("::Scenario X:: a\\nb\\nc {=a ~b}\n", 3, "found 2"),
        ("::Bad:: Blank {=a ~b} more text\n", 3, "answers in the middle of text"),
        ("::Bad:: Tail {\n  =a\n  ~b\n} more\n", 6, "text after the closing '}'"),
        ("::Bad:: Weight {\n  ~%50%a\n  ~%x%b\n}\n", 5, "invalid weight"),
        ("::Bad:: Empty {\n  =a\n  ~ #feedback\n}\n", 5, "answer is empty"),
        ("::Bad:: Hashes {=a#b#c ~d}\n", 3, "more than one '#'"),
        ("::Bad:: One {~%100%a}\n", 3, "at least two answers"),
        ("::Bad:: Percent {=%a ~b}\n", 3, "cannot start with '%'"),
        ("::Bad:: TF {T#a#b#c}\n", 3, "at most two #feedbacks"),
        ("::Bad {=a ~b}\n", 3, "no closing '::'"),
        (":: Bad:: {=a ~b}\n", 3, "question text is empty"),
        ("::Bad:: Stray } here {=a ~b}\n", 3, "unexpected '}'"),
    ],
)
def test_malformed_question_is_reported_with_line(bad, line, message):
    with pytest.raises(GiftError) as raised:
        parse_gift(GOOD + bad)
    assert len(raised.value.errors) == 1
    error_line, error_message = raised.value.errors[0]
    assert error_line == line
    assert error_message.startswith(f"Line {line}: ")
    assert message in error_message


def test_every_bad_question_is_reported_not_just_the_first():
    text = (
        "::A:: Open? {=yes ~no\n\n::B:: Fine {=yes ~no}\n\n// comment\n::C:: Essay {}\n"
    )
    with pytest.raises(GiftError) as raised:
        parse_gift(text)
    assert [line for line, _ in raised.value.errors] == [1, 6]
    assert str(raised.value).splitlines() == [
        message for _, message in raised.value.errors
    ]
    assert str(raised.value).startswith("Line 1: unclosed '{'")


def test_one_bad_question_rejects_the_whole_file():
    with pytest.raises(GiftError):
        parse_gift(GOOD + "::Bad:: {}\n")


def test_missing_blank_line_between_questions_is_an_error():
    with pytest.raises(GiftError, match="blank line"):
        parse_gift("::A:: a {=x ~y}\n::B:: b {=x ~y}\n")


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<script>alert(1)</script>Hi", "Hi"),
        ("<SCRIPT type='x'>alert(1)</SCRIPT >Hi", "Hi"),
        ("Hi<script>alert(1)", "Hi"),
        ("<scr<script></script>ipt>alert(1)</script>Hi", "Hi"),
        ("<style>p {color: red}</style>Hi", "Hi"),
        ("<img src=x onerror=alert(1)>Hi", "Hi"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ('<b onclick="x()">bold</b>', "<b>bold</b>"),
        ("<div><span>plain</span></div>", "plain"),
        ("1 < 2 & 3", "1 &lt; 2 &amp; 3"),
    ],
)
def test_sanitize(dirty, clean):
    assert sanitize(dirty) == clean
    assert sanitize(clean) == clean


def test_sanitize_keeps_the_allowed_tags():
    markup = (
        "<p>a<br>b</p><ul><li><code>c</code></li></ul><ol><li>d</li></ol>"
        "H<sub>2</sub>O<sup>1</sup> <i>i</i><em>e</em><b>b</b><strong>s</strong>"
    )
    assert sanitize(markup) == markup


def test_parse_sanitizes_every_text_field():
    text = (
        "::Scenario <i>t</i>:: <script>x()</script>Case \\n <img src=x "
        "onerror=y()>Ask {\n"
        '  =<a href\\="javascript\\:z()">Right</a>#<style>p\\{\\}</style>fb\n'
        "  ~Wrong\n"
        "  ####<b onclick=q()>why</b>\n"
        "}\n"
    )
    [parsed] = parse_gift(text)
    assert parsed.case_text == "Case"
    assert parsed.prompt == "Ask"
    assert parsed.choices[0] == choice("Right", True, "fb")
    assert parsed.explanation == "<b>why</b>"


def test_answer_that_is_only_a_script_is_empty():
    with pytest.raises(GiftError, match="answer is empty"):
        parse_gift("::Q:: Q {=<script>x</script> ~b}")


# --- round trip property ------------------------------------------------------

SAFE_ALPHABET = "abcXYZ019 ~=#{}:\\.,?!'\"-"


def _trimmed(text):
    return text == text.strip()


safe_text = (
    st.text(SAFE_ALPHABET, min_size=1, max_size=20)
    .filter(_trimmed)
    .filter(lambda text: text.strip() and "->" not in text and not text.startswith("%"))
)
optional_text = st.one_of(st.just(""), safe_text)
categories = st.sampled_from(sorted(Topic.values) + [""])


@st.composite
def choice_lists(draw, *, exactly_one_right):
    """Draw 2-5 choices with at least one (or exactly one) right answer."""
    count = draw(st.integers(2, 5))
    if exactly_one_right:
        right = {draw(st.integers(0, count - 1))}
    else:
        right = draw(st.sets(st.integers(0, count - 1), min_size=1))
    return tuple(
        choice(draw(safe_text), index in right, draw(optional_text))
        for index in range(count)
    )


@st.composite
def gift_questions(draw):
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "scenario"]))
    title = draw(optional_text.filter(lambda t: not t.lower().startswith("scenario")))
    case_text = ""
    if kind == "scenario":
        title = "Scenario " + title if title else "Scenario"
        case_text = draw(safe_text)
    if kind == "true_false":
        is_true = draw(st.booleans())
        choices = (
            choice("True", is_true, draw(optional_text)),
            choice("False", not is_true, draw(optional_text)),
        )
    else:
        exactly_one = kind == "single" or (kind == "scenario" and draw(st.booleans()))
        choices = draw(choice_lists(exactly_one_right=exactly_one))
    prompt = draw(safe_text)
    if kind != "scenario" and draw(st.booleans()):
        prompt = prompt + "\n" + draw(safe_text)
    return question(
        title,
        kind,
        prompt,
        choices,
        category=draw(categories),
        case=case_text,
        explanation=draw(optional_text),
    )


@given(st.lists(gift_questions(), max_size=6))
def test_write_then_parse_round_trips(questions):
    assert parse_gift(write_gift(questions)) == questions
