"""How much one GIFT import may ask of the server: questions and characters.

A 20,000-question preview took 21 s and sent 17 MB; a 100,000-character field
went through the HTML cleaner whole.
"""

import time

import pytest
from django.test import override_settings

from quizzes.gift.parser import MAX_CHOICE_CHARS, MAX_TEXT_CHARS, GiftError
from quizzes.gift.services import MAX_GIFT_QUESTIONS, gift_preview
from quizzes.models import Choice, Question, Quiz
from tests.factories import make_staff
from tests.quizzes.test_gift_admin import import_url

QUESTION = "::Q:: Fine? {=yes ~no####Because.}\n\n"
HEADER = "$CATEGORY: definitions\n\n"


def refusal(count: int, limit: int = MAX_GIFT_QUESTIONS) -> list[tuple[int, str]]:
    message = f"The file has {count} questions; import at most {limit} at a time"
    return [(0, f"{message}: split it.")]


def errors_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(GiftError) as raised:
        gift_preview(text=text)
    return raised.value.errors


def test_the_choice_cap_is_the_length_of_a_choice():
    assert MAX_CHOICE_CHARS == Choice._meta.get_field("text").max_length == 500
    assert MAX_TEXT_CHARS == 5000
    assert MAX_GIFT_QUESTIONS == 500


def test_one_question_too_many_is_refused_before_any_is_parsed():
    # The broken last question is never read: the count refuses the file first.
    text = HEADER + QUESTION * MAX_GIFT_QUESTIONS + "::Broken:: {=a ~b\n"
    assert errors_of(text) == refusal(501)
    assert len(gift_preview(text=HEADER + QUESTION * 500).questions) == 500


def test_category_lines_and_comments_are_not_counted():
    text = (HEADER + "// a comment\n\n") * 600 + QUESTION * MAX_GIFT_QUESTIONS
    assert len(gift_preview(text=text).questions) == 500


@override_settings(GIFT_MAX_QUESTIONS=2)
def test_a_setting_overrides_the_cap():
    assert errors_of(HEADER + QUESTION * 3) == refusal(3, limit=2)
    assert len(gift_preview(text=HEADER + QUESTION * 2).questions) == 2


def test_twenty_thousand_questions_are_refused_in_well_under_a_second():
    text = (HEADER + QUESTION * 20_000).encode()
    start = time.perf_counter()
    assert errors_of(text) == refusal(20_000)
    assert time.perf_counter() - start < 1


def test_the_admin_preview_refuses_them_as_fast_and_as_small(client, staff_groups):
    make_staff(client=client, group=staff_groups["CAC trainers"])
    quiz = Quiz.objects.create(title="CSEC basics")
    text = HEADER + QUESTION * 20_000
    start = time.perf_counter()
    response = client.post(import_url(quiz), {"action": "preview", "text": text})
    # Parsing all 20,000 would take far longer; the bound leaves room for a
    # busy CI machine (a 1 s bound failed at 1.05 s under load).
    assert time.perf_counter() - start < 5
    assert response.context["errors"] == [refusal(20_000)[0][1]]
    # The refused text is echoed once, in the form, and nothing else is built.
    assert len(response.content) < len(text) + 100_000
    assert Question.objects.count() == 0


def test_a_huge_prompt_is_a_line_numbered_error_not_a_truncation():
    text = HEADER + QUESTION + f"::Long:: {'x' * 100_000} {{=a ~b}}\n"
    assert errors_of(text) == [
        (
            5,
            "Line 5: the question text has 100000 characters; at most 5000 fit "
            "(shorten it)",
        )
    ]


def test_the_caps_count_the_text_as_written_before_it_is_cleaned():
    # 6,300 characters of markup would clean down to "Hi": still refused.
    text = HEADER + f"::Q:: {'<b></b>' * 900}Hi {{=a ~b}}\n"
    [(line, message)] = errors_of(text)
    assert message.startswith("Line 3: the question text has 6302 characters")


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (f"::Q:: Pick {{={'a' * 501} ~b}}", "answer 1 has 501 characters; at most 500"),
        (f"::Q:: Pick {{=a ~b#{'f' * 5001}}}", "the feedback on answer 2 has 5001"),
        (f"::Q:: True? {{T#{'f' * 5001}}}", "the feedback has 5001 characters"),
        (f"::Q:: Pick {{=a ~b####{'w' * 5001}}}", "the general feedback has 5001"),
        (
            f"::Scenario:: {'c' * 5001} \\n Now? {{=a ~b}}",
            "the scenario case text has 5001",
        ),
        (
            f"::Scenario:: Case \\n {'q' * 5001} {{=a ~b}}",
            "the question text has 5001",
        ),
    ],
)
def test_every_field_has_its_cap(question, message):
    [(line, error)] = errors_of(HEADER + question + "\n")
    assert error.startswith(f"Line 3: {message}")


def test_text_at_the_caps_is_accepted():
    text = HEADER + (
        f"::Q:: {'p' * 5000} {{\n"
        f"    ={'a' * 500}#{'f' * 5000}\n"
        "    ~b\n"
        f"    ####{'w' * 5000}\n"
        "}\n"
    )
    [question] = gift_preview(text=text).questions
    assert len(question.prompt) == len(question.explanation) == 5000
    assert len(question.choices[0].text) == 500


def test_every_field_over_its_cap_is_reported():
    text = HEADER + (
        f"::A:: {'p' * 5001} {{=a ~b}}\n\n::B:: Pick {{={'a' * 501} ~b}}\n"
    )
    assert [line for line, _ in errors_of(text)] == [3, 5]
