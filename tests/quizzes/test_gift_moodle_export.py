"""A real Moodle export (gift_samples/moodle_export.gift) through the import.

The sample uses every Moodle feature the import reads or skips; these tests
pin what the plan lists, what is saved, and what a learner then sees.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from quizzes.gift.services import gift_import, gift_preview
from quizzes.models import Attempt, Choice, Question, Quiz
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.quizzes.builders import make_quiz_module, wrong_answers
from training.models import LessonCompletion

MOODLE_EXPORT = (
    Path(__file__).parent / "gift_samples" / "moodle_export.gift"
).read_bytes()
TOPICS = (
    "definitions, risk factors, indicators, first-responder duties, mandated reporting"
)

IMPORTED = [
    "Line 9: single choice, Definitions: What does CSEC stand for?",
    "Line 17: true/false, Definitions: Grooming is a process of building trust to "
    "exploit it later. - no explanation yet",
    "Line 24: multiple select, Risk factors: Select all the risk factors for "
    "exploitation.",
    "Line 39: true/false, Indicators: A young person carrying several hotel room "
    "keys can be an i…",
    "Line 42: single choice, Indicators: Which **one** of these is an indicator? "
    "- no explanation yet",
    "Line 53: scenario, First-responder duties: What should you do first?",
    "Line 92: true/false, Mandated reporting: A mandated reporter must have proof "
    "before reporting.",
    "Line 95: multiple select, Mandated reporting: A child is in immediate danger. "
    "Who do you contact first?",
]
MAPPED = [
    "Line 5: category 'Default for CSEC 101/Definitions' -> topic Definitions",
    "Line 20: category 'Default for CSEC 101/Module 2/Risk Factors' "
    "-> topic Risk factors",
    "Line 35: category 'Default for CSEC 101/Module 2/INDICATORS' -> topic Indicators",
    "Line 49: category 'Default for CSEC 101/First-responder duties' "
    "-> topic First-responder duties",
    "Line 88: category 'Default for CSEC 101/Mandated Reporting' "
    "-> topic Mandated reporting",
]
SKIPPED = [
    "Line 61: matching question ('->') - not supported, skipped",
    "Line 68: short answer question ('=' answers, no '~') - not supported, skipped",
    "Line 74: numerical question ('{#...}') - not supported, skipped",
    "Line 79: essay question ('{}') - not supported, skipped",
    "Line 82: description (no answer block; missing '{'?) - not supported, skipped",
    "Line 85: missing-word question (text after the closing '}': answers in the "
    "middle of text) - not supported, skipped",
]
UNMATCHED = (
    "Line 107: unknown topic 'warm-up' (category 'Default for CSEC 101/Warm-up'); "
    f"use one of: {TOPICS}"
)
# What must never reach a plain field, or a learner's page.
RAW_MARKUP = re.compile(r"<|&(?:lt|gt|amp|nbsp);|\[(?:html|moodle|markdown|plain)\]")


def test_the_plan_lists_what_is_imported_mapped_and_dropped():
    plan = gift_preview(text=MOODLE_EXPORT)
    assert [str(row) for row in plan.imported] == IMPORTED
    assert [str(row) for row in plan.mapped] == MAPPED
    assert [str(row) for row in plan.dropped] == [*SKIPPED, UNMATCHED]


def test_a_topic_for_unmatched_categories_takes_them_in():
    plan = gift_preview(text=MOODLE_EXPORT, default_topic="definitions")
    assert [str(row) for row in plan.dropped] == SKIPPED
    assert str(plan.mapped[-1]) == (
        "Line 103: category 'Default for CSEC 101/Warm-up' -> topic Definitions "
        "(the topic for unmatched categories)"
    )
    assert str(plan.imported[-1]) == (
        "Line 107: single choice, Definitions: Are you ready to begin?"
    )
    assert plan.questions[-1].category == "definitions"


@pytest.mark.django_db
def test_only_the_supported_questions_are_saved_without_raw_markup():
    quiz = Quiz.objects.create(title="CSEC 101")
    created = gift_import(quiz=quiz, text=MOODLE_EXPORT)
    assert len(created) == Question.objects.count() == 8
    for choice in Choice.objects.all():
        assert not RAW_MARKUP.search(choice.text), choice.text
        assert not RAW_MARKUP.search(choice.feedback), choice.feedback
    first, grooming, risks, _, signs, scenario, *_ = quiz.questions.order_by(
        "sort_order"
    )
    # Formatting is kept where it is shown as HTML; attributes and spans go.
    assert first.prompt == (
        "<p>What does <strong>CSEC</strong>&nbsp;stand for?<br></p>"
    )
    assert first.explanation.startswith("<p>CSEC is any sexual activity")
    assert "<em>or</em>" in first.explanation
    assert [c.text for c in first.choices.order_by("sort_order")] == [
        "Commercial sexual exploitation of children",
        "Child sexual exploitation case",
        "Community safety & education committee",
    ]
    assert first.choices.get(is_correct=False, feedback__startswith="No").feedback == (
        "No: the word commercial matters."
    )
    assert [(c.text, c.is_correct) for c in risks.choices.order_by("sort_order")] == [
        ("Running away from home", True),
        ("Prior sexual abuse", True),
        ("Involvement with child welfare", True),
        ("Playing team sports", False),
        ("Having a library card", False),
    ]
    assert risks.choices.get(text="Running away from home").feedback == (
        "Yes: a strong risk factor."
    )
    # [moodle] keeps its \n as a line break; no general feedback, no explanation.
    assert (
        grooming.prompt
        == "Grooming is a process of building trust\nto exploit it later."
    )
    assert grooming.explanation == signs.explanation == ""
    assert scenario.kind == "scenario"
    assert scenario.case_text.startswith("<p>A 15-year-old comes to the clinic")
    assert scenario.prompt == "<p>What should you do <strong>first</strong>?</p>"


@pytest.mark.django_db
def test_import_command_prints_the_same_list(tmp_path):
    quiz = Quiz.objects.create(title="CSEC 101")
    path = tmp_path / "moodle.gift"
    path.write_bytes(MOODLE_EXPORT)
    out = io.StringIO()
    call_command("import_gift", str(quiz.pk), str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        "Imported 8 questions into CSEC 101",
        "Imported:",
        *(f"  {row}" for row in IMPORTED),
        "Mapped:",
        *(f"  {row}" for row in MAPPED),
        "Dropped:",
        *(f"  {row}" for row in [*SKIPPED, UNMATCHED]),
    ]
    assert quiz.questions.count() == 8


@pytest.mark.django_db
def test_import_command_takes_a_topic_for_unmatched_categories(tmp_path):
    quiz = Quiz.objects.create(title="CSEC 101")
    path = tmp_path / "moodle.gift"
    path.write_bytes(MOODLE_EXPORT)
    out = io.StringIO()
    call_command(
        "import_gift", str(quiz.pk), str(path), "--default-topic=indicators", stdout=out
    )
    assert out.getvalue().splitlines()[0] == "Imported 9 questions into CSEC 101"
    assert quiz.questions.filter(topic="indicators").count() == 3


def test_a_learner_sees_formatting_but_never_markup(client, home):
    module = make_quiz_module(questions=0)
    gift_import(quiz=module.quiz, text=MOODLE_EXPORT)
    learner = make_user()
    client.post(
        "/accounts/login/", {"login": learner.email, "password": DEFAULT_PASSWORD}
    )
    for lesson in module.lessons():
        LessonCompletion.objects.create(user=learner, lesson=lesson, module=module)
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    attempt = Attempt.objects.get(public_id=response["Location"].split("/")[-2])
    take = client.get(f"/quizzes/attempts/{attempt.public_id}/").content.decode()
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong_answers(attempt))
    result = client.get(
        f"/quizzes/attempts/{attempt.public_id}/result/"
    ).content.decode()
    for html in (take, result):
        main = html[html.index('id="main"') :]
        assert "<strong>CSEC</strong>" in main
        assert "<p><p>" not in main  # Moodle's own paragraphs are not wrapped again
        assert "Community safety &amp; education committee" in main  # escaped once
        for raw in ("&lt;p&gt;", "&lt;strong", "&amp;amp;", "&amp;nbsp;", "[html]"):
            assert raw not in main
    assert result.count("<strong>Why:</strong>") == 6  # two have none yet
