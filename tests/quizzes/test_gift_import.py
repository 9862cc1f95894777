"""GIFT import/export services and the import_gift / export_gift commands."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from quizzes.gift.parser import GiftError, parse_gift
from quizzes.gift.services import MAX_GIFT_BYTES, gift_export, gift_import, gift_preview
from quizzes.models import Choice, Question, Quiz
from tests.factories import enrol_totp, make_user

SAMPLES = Path(__file__).parent / "gift_samples"
EVERY_FEATURE = (SAMPLES / "every_feature.gift").read_bytes()
GOOD = "$CATEGORY: definitions\n::Q:: Is this good? {T####Yes, it is.}\n"


def make_quiz(**kwargs) -> Quiz:
    kwargs.setdefault("title", f"Quiz {Quiz.objects.count() + 1}")
    return Quiz.objects.create(**kwargs)


def question_tuples(quiz: Quiz) -> list[tuple]:
    """Everything an import sets, in quiz order; ids and sort numbers left out."""
    return [
        (
            question.kind,
            question.topic,
            question.case_text,
            question.prompt,
            question.explanation,
            tuple(
                (choice.text, choice.is_correct, choice.feedback)
                for choice in question.choices.order_by("sort_order")
            ),
        )
        for question in quiz.questions.order_by("sort_order")
    ]


@pytest.mark.django_db
def test_every_feature_sample_imports_into_a_quiz():
    quiz = make_quiz()
    created = gift_import(quiz=quiz, text=EVERY_FEATURE)

    rows = question_tuples(quiz)
    assert len(created) == len(rows) == 9
    assert [row[0] for row in rows] == [
        "single", "single", "single", "multiple", "true_false", "true_false",
        "scenario", "scenario", "true_false",
    ]  # fmt: skip
    # "$course$/top/risk factors" keeps the last part; "Mandated Reporting" is lowered.
    assert rows[3][1] == "risk factors"
    assert rows[8][1] == "mandated reporting"
    assert rows[1][3] == r"Which of these is written with escapes: ~ = # { } and \?"
    assert rows[1][5][0] == (
        "All of them, as literal text",
        True,
        "Yes: they stay as typed.",
    )
    assert rows[2][3] == "What is <b>grooming</b>?"
    assert rows[3][3] == "Select all risk factors for exploitation."
    assert [choice[1] for choice in rows[3][5]] == [True, True, False]
    assert rows[4][5] == (
        ("True", True, "Correct."),
        ("False", False, "Think again: it can be."),
    )
    assert rows[6][2].startswith("A 15-year-old comes to the clinic")
    assert rows[6][3] == "What should you do first?"
    assert rows[6][4].startswith("Separate the young person")


@pytest.mark.django_db
def test_export_then_import_into_a_fresh_quiz_gives_the_same_questions():
    original = make_quiz()
    gift_import(quiz=original, text=EVERY_FEATURE)
    exported = gift_export(quiz=original)

    copy = make_quiz()
    gift_import(quiz=copy, text=exported)

    assert question_tuples(copy) == question_tuples(original)
    assert gift_export(quiz=copy) == exported
    assert "::Scenario 7::" in exported and "::Q1::" in exported


@pytest.mark.django_db
def test_import_appends_after_existing_questions():
    quiz = make_quiz()
    gift_import(quiz=quiz, text=GOOD)
    gift_import(quiz=quiz, text=EVERY_FEATURE)
    orders = list(quiz.questions.values_list("sort_order", flat=True))
    assert orders == list(range(10))
    assert question_tuples(quiz)[0][3] == "Is this good?"


@pytest.mark.django_db
def test_import_into_a_live_quiz_is_published_with_the_new_rows():
    quiz = make_quiz(live=True)
    trainer = make_user(is_superuser=True)
    enrol_totp(trainer)  # staff powers need the second factor
    revisions_before = quiz.revisions.count()

    gift_import(quiz=quiz, text=EVERY_FEATURE, user=trainer)

    quiz.refresh_from_db()
    assert quiz.revisions.count() == revisions_before + 1
    assert quiz.live and not quiz.has_unpublished_changes
    assert quiz.live_revision_id == quiz.latest_revision_id
    # Publishing saved the revision's content; it must not have wiped the rows.
    assert quiz.questions.count() == 9
    parsed = gift_preview(text=EVERY_FEATURE).questions
    choices = sum(len(question.choices) for question in parsed)
    assert Choice.objects.filter(question__quiz=quiz).count() == choices == 22
    assert quiz.latest_revision.as_object().questions.count() == 9
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(quiz.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"wagtail.edit", "wagtail.publish"} <= actions


@pytest.mark.django_db
def test_import_into_a_draft_quiz_saves_a_draft_revision():
    quiz = make_quiz(live=False)
    gift_import(quiz=quiz, text=GOOD)
    quiz.refresh_from_db()
    assert not quiz.live
    assert quiz.revisions.count() == 1
    assert quiz.latest_revision.as_object().questions.count() == 1


@pytest.mark.django_db
def test_a_live_quiz_with_an_unpublished_draft_is_refused():
    quiz = make_quiz(live=True)
    quiz.save_revision()  # a pending draft
    with pytest.raises(GiftError, match="unpublished changes"):
        gift_import(quiz=quiz, text=GOOD)
    assert quiz.questions.count() == 0


@pytest.mark.django_db
def test_a_failure_while_publishing_leaves_nothing_behind():
    # No publish permission: the revision cannot be published, so roll back.
    quiz = make_quiz(live=True)
    with pytest.raises(PermissionDenied):
        gift_import(quiz=quiz, text=GOOD, user=make_user())
    assert Question.objects.count() == 0
    assert quiz.revisions.count() == 0


# Nothing importable is refused too: the rows say why, and no revision is made.
BAD_TEXTS = {
    "unknown topic": ("$CATEGORY: grooming\nx {=a ~b####c}", "Line 2: unknown topic"),
    "no topic": ("::Q:: x {=a ~b####c}", "Line 1: no topic"),
    "missing brace": ("$CATEGORY: indicators\n\n\nx =a ~b", "Line 4: missing '{'"),
    "no right answer": (
        "$CATEGORY: indicators\n::Q:: x {~a ~b####c}",
        "Line 2: no corr",
    ),
    "essay": ("$CATEGORY: indicators\n\n::Q:: Tell us {}", "Line 3: essay"),
    "scenario without case": (
        "$CATEGORY: indicators\n::Scenario:: x {=a ~b####c}",
        "Line 2: a scenario needs exactly one \\n",
    ),
    "long answer": (
        f"$CATEGORY: indicators\nx {{={'a' * 501} ~b####c}}",
        "Line 2: answer 1",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("text,message", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_malformed_text_gives_line_numbered_errors_and_imports_nothing(text, message):
    quiz = make_quiz()
    gift_import(quiz=quiz, text=GOOD)
    with pytest.raises(GiftError) as caught:
        gift_import(quiz=quiz, text=text)
    assert any(error.startswith(message) for _, error in caught.value.errors)
    assert Question.objects.count() == 1
    assert quiz.revisions.count() == 1


@pytest.mark.django_db
def test_every_problem_in_a_file_is_reported():
    # Line 4 has no answer block: a description, skipped, not a syntax error.
    with pytest.raises(GiftError) as caught:
        gift_preview(text=(SAMPLES / "bad_structure.gift").read_bytes())
    assert [line for line, _ in caught.value.errors] == [6, 10]


@pytest.mark.django_db
def test_a_question_outside_our_topics_is_dropped_and_one_without_why_imports():
    plan = gift_preview(text=(SAMPLES / "bad_rules.gift").read_bytes())
    assert [str(row) for row in plan.dropped] == [
        "Line 3: unknown topic 'safeguarding basics'; use one of: definitions, "
        "risk factors, indicators, first-responder duties, mandated reporting"
    ]
    assert [str(row) for row in plan.imported] == [
        "Line 6: true/false, Indicators: Hotel keys can be an indicator. "
        "- no explanation yet"
    ]
    quiz = make_quiz()
    gift_import(quiz=quiz, text=(SAMPLES / "bad_rules.gift").read_bytes())
    assert question_tuples(quiz) == [
        (
            "true_false",
            "indicators",
            "",
            "Hotel keys can be an indicator.",
            "",
            (("True", True, ""), ("False", False, "")),
        )
    ]


def test_bytes_must_be_utf8_and_a_bom_is_fine():
    assert len(gift_preview(text=b"\xef\xbb\xbf" + GOOD.encode()).questions) == 1
    with pytest.raises(GiftError, match="Line 1: the file is not UTF-8 text"):
        gift_preview(text=(SAMPLES / "not_utf8.gift").read_bytes())
    with pytest.raises(GiftError, match="Line 2: NUL character"):
        gift_preview(text=GOOD.replace("good", "go\x00od"))


def test_files_over_1_mb_are_refused():
    padding = "// " + "x" * 1000 + "\n"
    big = GOOD + padding * (MAX_GIFT_BYTES // len(padding) + 1)
    with pytest.raises(GiftError, match="larger than 1 MB"):
        gift_preview(text=big.encode())
    with pytest.raises(GiftError, match="larger than 1 MB"):
        gift_preview(text=big)


@pytest.mark.django_db
def test_scenario_line_breaks_export_as_br():
    quiz = make_quiz()
    gift_import(quiz=quiz, text=EVERY_FEATURE)
    quiz.questions.filter(kind="scenario").update(case_text="First line.\nSecond.")
    exported = parse_gift(gift_export(quiz=quiz))
    assert exported[6].case_text == "First line.<br>Second."


@pytest.mark.django_db
def test_import_command_prints_the_count(tmp_path):
    quiz = make_quiz(title="Mandated reporting basics")
    path = tmp_path / "bank.gift"
    path.write_bytes(EVERY_FEATURE)
    out = io.StringIO()
    call_command("import_gift", str(quiz.pk), str(path), stdout=out)
    assert out.getvalue().splitlines()[0] == (
        "Imported 9 questions into Mandated reporting basics"
    )
    assert quiz.questions.count() == 9


@pytest.mark.django_db
def test_import_command_reads_stdin():
    quiz = make_quiz()
    out = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(GOOD.encode()))
    call_command("import_gift", str(quiz.pk), "-", stdin=stdin, stdout=out)
    assert "Imported 1 questions" in out.getvalue()


@pytest.mark.django_db
def test_import_command_rejects_a_bad_file_and_imports_nothing():
    quiz = make_quiz()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Line 6: unclosed '{'"):
        call_command(
            "import_gift",
            str(quiz.pk),
            str(SAMPLES / "bad_structure.gift"),
            stderr=err,
        )
    assert err.getvalue().splitlines() == [
        "Line 6: unclosed '{': no '}' before the question ends",
        "Line 10: single choice has 2 answers marked '=', not one "
        "(multiple select uses ~%50%)",
    ]
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_commands_reject_unknown_quizzes_and_missing_files(tmp_path):
    quiz = make_quiz()
    with pytest.raises(CommandError, match="No quiz with id"):
        call_command("import_gift", "999", str(SAMPLES / "every_feature.gift"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_gift", str(quiz.pk), str(tmp_path / "missing.gift"))
    with pytest.raises(CommandError, match="No quiz with id"):
        call_command("export_gift", "999")


@pytest.mark.django_db
def test_export_command_prints_gift_that_parses_back():
    quiz = make_quiz()
    gift_import(quiz=quiz, text=EVERY_FEATURE)
    out = io.StringIO()
    call_command("export_gift", str(quiz.pk), stdout=out)
    assert out.getvalue() == gift_export(quiz=quiz)
    questions = parse_gift(out.getvalue())
    assert [question.prompt for question in questions] == [
        row[3] for row in question_tuples(quiz)
    ]
