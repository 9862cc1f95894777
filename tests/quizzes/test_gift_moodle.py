"""What Moodle writes when it exports GIFT: formats, HTML, categories, other types."""

import pytest

from quizzes.gift.moodle import category_name, plain_text, rich_text
from quizzes.gift.parser import (
    GiftChoice,
    GiftError,
    GiftQuestion,
    parse_gift,
    parse_gift_bank,
    write_gift,
)

GOOD = "::Good:: Fine? {=yes ~no}\n\n"
ALSO_GOOD = "\n\n::Also good:: Fine too? {=yes ~no}\n"


def choice(text, correct=False, feedback=""):
    return GiftChoice(text=text, correct=correct, feedback=feedback)


def only_question(text: str) -> GiftQuestion:
    [question] = parse_gift_bank(text).questions
    return question


# --- the types we skip, and the syntax errors we do not ---------------------


@pytest.mark.parametrize(
    ("item", "line", "what"),
    [
        ("::Q:: Tell us. {}", 3, "essay question ('{}')"),
        ("::Q:: Tell us. {####Any answer is fine.}", 3, "essay question ('{}')"),
        ("::Q:: Born? {#1822:5}", 3, "numerical question ('{#...}')"),
        ("::Q:: Born? {#\n    =%100%1822:0#\n}", 3, "numerical question"),
        ("::Q:: Match {\n    =a -> 1\n    =b -> 2\n}", 3, "matching question ('->')"),
        ("::Q:: Who? {=nobody =no one}", 3, "short answer question"),
        ("::Q:: Who? {=%100%nobody#Yes. =%50%no one#}", 3, "short answer question"),
        ("::Q:: Who? {nobody}", 3, "short answer question"),
        ("::Intro::[html]<p>Read the case \\= first.</p>", 3, "description"),
        ("::Q:: Grant is {~buried =entombed} there.", 3, "missing-word question"),
        ("::Q:: Grant is {\n    ~buried\n    =entombed\n} there.", 6, "missing-word"),
        # The answers of a skipped type are never read, so not checked either.
        ("::Q:: Short {=%bad%a =b#c#d}", 3, "short answer question"),
    ],
)
def test_a_type_we_lack_is_skipped_and_the_rest_is_kept(item, line, what):
    bank = parse_gift_bank(GOOD + item + ALSO_GOOD)
    assert [question.title for question in bank.questions] == ["Good", "Also good"]
    [(skipped_line, message)] = bank.skipped
    assert skipped_line == line
    assert message.startswith(what)
    assert message.endswith(" - not supported, skipped")


def test_parse_gift_is_strict_about_the_types_we_lack():
    # Our own files (the curriculum, exports) must not lose a question quietly.
    with pytest.raises(GiftError) as raised:
        parse_gift(GOOD + "::Q:: Tell us. {}\n")
    assert raised.value.errors == [(3, "Line 3: essay question ('{}') - not supported")]


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("::Q:: Open {=a ~b", 5, "unclosed '{'"),
        ("::Q:: Stray } {=a ~b}", 5, "unexpected '}' before '{'"),
        ("::Q:: Only a stray }", 5, "unexpected '}' before '{'"),
        ("::Q:: Answers =a ~b but no braces", 5, "missing '{'"),
        ("::Q:: Weight {\n    ~%50%a\n    ~%half%b\n}", 7, "invalid weight"),
        ("::Q:: Weight {~%50%a ~%101%b}", 5, "invalid weight"),
        ("::Q:: Hashes {=a#b#c ~d}", 5, "more than one '#'"),
        ("::Q:: None right {~a ~b}", 5, "no correct answer"),
        ("::Q:: None right {~%0%a ~%-100%b}", 5, "no correct answer"),
        ("::A:: a {=x ~y}\n::B:: b {=x ~y}", 6, "blank line"),
        ("::A:: a {=x ~y}\n$CATEGORY: indicators", 6, "blank line"),
    ],
)
def test_a_syntax_error_refuses_the_file_even_beside_skipped_types(bad, line, message):
    text = GOOD + "::Essay:: Tell us. {}\n\n" + bad + ALSO_GOOD
    with pytest.raises(GiftError) as raised:
        parse_gift_bank(text)
    [(error_line, error)] = raised.value.errors
    assert error_line == line
    assert error.startswith(f"Line {line}: ")
    assert message in error


# --- what Moodle writes -------------------------------------------------------


def test_comment_lines_are_ignored_anywhere_even_between_answers():
    text = (
        "// question: 0  name: Switch category to $course$/top/Default/Indicators\n"
        "$CATEGORY: $course$/top/Default/Indicators\n"
        "// question: 12  name: Q\n"
        "::Q:: Pick {\n"
        "    // before the answers\n"
        "    =a\n"
        "    // between answers: a teacher's note\n"
        "    ~b\n"
        "    // after them\n"
        "}\n"
        "// the end\n"
    )
    question = only_question(text)
    assert question.choices == (choice("a", True), choice("b"))
    assert (question.category, question.line) == ("indicators", 4)


@pytest.mark.parametrize(
    ("path", "shown", "key"),
    [
        (
            "$course$/top/Default for CSEC/Risk Factors",
            "Default for CSEC/Risk Factors",
            "risk factors",
        ),
        ("$system$/top/A/B/C/ INDICATORS ", "A/B/C/ INDICATORS", "indicators"),
        (
            "$course$/Safeguarding/Definitions",
            "Safeguarding/Definitions",
            "definitions",
        ),
        (
            "$module$/top/Bank/First-Responder   Duties",
            "Bank/First-Responder   Duties",
            "first-responder duties",
        ),
        ("mandated reporting", "mandated reporting", "mandated reporting"),
        ("risk factors/", "risk factors", "risk factors"),
        # Moodle writes a '/' inside a name as '//'.
        ("$course$/top/Risk//protective", "Risk//protective", "risk/protective"),
    ],
)
def test_category_paths_of_any_depth_keep_their_last_part(path, shown, key):
    assert category_name(path) == (shown, key)


def test_a_question_remembers_its_category_line_and_path():
    text = "$CATEGORY: $course$/top/Default for X/Risk Factors\n\n::Q:: P {=a ~b}\n"
    question = only_question(text)
    assert question.category == "risk factors"
    assert question.category_path == "Default for X/Risk Factors"
    assert (question.category_line, question.line) == (1, 3)


@pytest.mark.parametrize(
    ("answers", "kind", "right"),
    [
        ("~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-50%d ~%-100%e", "multiple", 3),
        ("~%100%a ~%0%b ~%-100%c", "multiple", 1),
        ("~%50%a ~%50%b ~c", "multiple", 2),
        ("=a ~%-100%b", "multiple", 1),
    ],
)
def test_moodle_weights(answers, kind, right):
    question = only_question(f"::Q:: Pick {{{answers}}}")
    assert question.kind == kind
    assert sum(choice.correct for choice in question.choices) == right


def test_format_prefixes_go_from_question_answers_and_feedback():
    question = only_question(
        "::Q::[moodle]Pick\\none {\n"
        "    =[html]<p>A</p>#[markdown]Yes\n"
        "    ~[plain]B#[moodle]No\n"
        "    ####[html]<p>Why</p>\n"
        "}\n"
    )
    assert question.prompt == "Pick\none"
    assert question.choices == (choice("A", True, "Yes"), choice("B", False, "No"))
    assert question.explanation == "<p>Why</p>"
    true_false = only_question("::Q::[html]<p>T?</p>{T#[html]<p>No</p>#[html]Yes}")
    assert true_false.choices == (
        choice("True", True, "Yes"),
        choice("False", False, "No"),
    )


def test_html_keeps_the_allowed_tags_in_rich_fields_and_none_in_plain_ones():
    question = only_question(
        '::Q::[html]<p dir\\="ltr">Is <strong>this</strong>&nbsp;'
        '<span style\\="color\\: \\#c00;">safe</span> &amp; sound?<br></p>{\n'
        "    =<p>Yes &amp; <b>no</b></p>#<p>Because<br>it <em>is</em>.</p>\n"
        "    ~[plain]1 &lt; 2\n"
        "    ####<p>It <em>is</em>.</p><script>alert(1)</script>\n"
        "}\n"
    )
    assert question.prompt == (
        "<p>Is <strong>this</strong>&nbsp;safe &amp; sound?<br></p>"
    )
    assert question.choices == (
        choice("Yes & no", True, "Because it is."),
        choice("1 < 2"),
    )
    assert question.explanation == "<p>It <em>is</em>.</p>"


@pytest.mark.parametrize(
    ("raw", "plain", "rich"),
    [
        ("<p>Yes</p>", "Yes", "<p>Yes</p>"),
        ("<p>Yes</p>\n<p>really</p>", "Yes really", "<p>Yes</p><p>really</p>"),
        ("Tom &amp; Jerry&nbsp;<3", "Tom & Jerry <3", "Tom &amp; Jerry&nbsp;&lt;3"),
        # Markup escaped once too often is still markup, never text to show.
        ("&lt;p&gt;Yes&lt;/p&gt;", "Yes", "<p>Yes</p>"),
        ("&amp;lt;p&amp;gt;Yes", "Yes", "<p>Yes</p>"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Hi", "Hi", "Hi"),
        ("One\nTwo", "One Two", "One\nTwo"),
    ],
)
def test_text_conversion(raw, plain, rich):
    assert plain_text(raw) == plain
    assert rich_text(raw) == rich


def test_line_breaks_that_are_only_html_layout_go():
    question = only_question(
        "::Q::[html]<p>One</p>\\n<ul>\\n<li>two</li>\\n</ul>\\nThree\\nfour {=a ~b}"
    )
    assert question.prompt == "<p>One</p><ul><li>two</li></ul>Three\nfour"


def test_plain_fields_with_markup_characters_round_trip():
    written = GiftQuestion(
        "Q",
        "single",
        "Pick",
        "",
        "definitions",
        "",
        (choice("Tom & Jerry <3", True, "a > b, 1 &lt; 2"), choice("x")),
    )
    assert parse_gift(write_gift([written])) == [written]
