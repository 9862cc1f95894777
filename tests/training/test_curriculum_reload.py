"""Reloading a changed curriculum: the loader's own pages and quizzes follow the files,
a trainer's edit is kept and named. Built in a temporary copy of the folder."""

import shutil
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from audiences.models import StandardPage
from quizzes.models import Quiz
from tests.factories import make_user
from training.curriculum_loader import CURRICULUM_DIR, load_curriculum
from training.models import LessonPage, TrainingModulePage

MODULE = "youth-understanding-exploitation"


@pytest.fixture
def curriculum(tmp_path):
    """A copy of one module, its quiz and the About page, to change at will."""
    (tmp_path / "pages").mkdir()
    for name in (f"{MODULE}.yaml", f"{MODULE}.gift", "pages/about-csec.yaml"):
        shutil.copy(CURRICULUM_DIR / name, tmp_path / name)
    return tmp_path


def rewrite_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def lesson_text(lesson) -> str:
    return " ".join(str(block.value) for block in lesson.body)


def test_changed_files_update_what_the_loader_owns(home, curriculum):
    load_curriculum(directory=curriculum)
    first_slug, second_slug = "what-exploitation-is", None

    def change_module(data):
        nonlocal second_slug
        data["summary"] = "A corrected summary."
        data["quiz"]["pass_mark"] = 70
        data["lessons"][0]["body"][0]["value"] = "<p>Corrected first lesson.</p>"
        second_slug = data["lessons"][1]["slug"]
        data["lessons"][1]["body"][0]["value"] = "<p>Corrected second lesson.</p>"

    rewrite_yaml(curriculum / f"{MODULE}.yaml", change_module)
    rewrite_yaml(
        curriculum / "pages/about-csec.yaml",
        lambda data: data.update(intro="A corrected introduction."),
    )
    gift = curriculum / f"{MODULE}.gift"
    gift.write_text(
        gift.read_text(encoding="utf-8")
        + "\n::Added::A question added later.{T####Because it is.}\n",
        encoding="utf-8",
    )
    # A trainer rewrites the second lesson in the admin before the reload.
    trainer = make_user(email="cac.trainer@example.org", name="Casey Trainer")
    edited = LessonPage.objects.get(slug=second_slug)
    edited.title = "Rewritten by the CAC"
    edited.save_revision(user=trainer).publish()

    out = StringIO()
    call_command("load_curriculum", directory=str(curriculum), stdout=out)

    module = TrainingModulePage.objects.get(slug="understanding-exploitation")
    assert module.summary == "A corrected summary."
    assert module.live and not module.has_unpublished_changes
    assert "Corrected first lesson." in lesson_text(
        LessonPage.objects.get(slug=first_slug)
    )
    edited.refresh_from_db()
    assert edited.title == "Rewritten by the CAC"
    assert "Corrected second lesson." not in lesson_text(edited)
    quiz = Quiz.objects.get(pk=module.quiz_id)
    assert quiz.pass_mark == 70
    assert quiz.questions.filter(prompt="A question added later.").exists()
    assert StandardPage.objects.get(slug="about-csec").intro == (
        "A corrected introduction."
    )
    report = out.getvalue()
    assert f"skipped lesson understanding-exploitation/{second_slug}" in report
    assert "Casey Trainer" in report
    assert f"updated lesson understanding-exploitation/{first_slug}" in report
    assert "updated page about-csec" in report


def test_a_second_reload_of_unchanged_files_changes_nothing(home, curriculum):
    load_curriculum(directory=curriculum)
    report = load_curriculum(directory=curriculum)
    assert (report.created, report.updated, report.skipped) == ([], [], [])


def test_a_reload_keeps_block_ids_and_question_rows(home, curriculum):
    """Translations and attempts hang on these ids: an edit must not renew them."""
    load_curriculum(directory=curriculum)
    lesson = LessonPage.objects.get(slug="what-exploitation-is")
    block_ids = [block.id for block in lesson.body]
    quiz = TrainingModulePage.objects.get(slug="understanding-exploitation").quiz
    rows = list(
        quiz.questions.order_by("sort_order").values_list("pk", "translation_key")
    )
    choices = set(quiz.questions.values_list("choices__pk", "choices__translation_key"))

    rewrite_yaml(
        curriculum / f"{MODULE}.yaml",
        lambda data: data["lessons"][0]["body"][1]["value"].update(
            heading="A changed heading"
        ),
    )
    gift = curriculum / f"{MODULE}.gift"
    first_prompt = quiz.questions.order_by("sort_order").first().prompt
    gift.write_text(
        gift.read_text(encoding="utf-8").replace(first_prompt, "A reworded prompt?", 1),
        encoding="utf-8",
    )
    report = load_curriculum(directory=curriculum)

    lesson.refresh_from_db()
    assert [block.id for block in lesson.body] == block_ids
    assert lesson.body[1].value["heading"] == "A changed heading"
    quiz.refresh_from_db()
    assert (
        list(quiz.questions.order_by("sort_order").values_list("pk", "translation_key"))
        == rows
    )
    assert quiz.questions.order_by("sort_order").first().prompt == "A reworded prompt?"
    assert set(
        quiz.questions.values_list("choices__pk", "choices__translation_key")
    ) == (choices)
    assert f"quiz {MODULE}.gift" in report.updated


def test_list_items_are_stored_with_ids_for_translators(home, curriculum):
    load_curriculum(directory=curriculum)
    for lesson in LessonPage.objects.all():
        for block in lesson.body.raw_data:
            if block["type"] == "scenario":
                prompts = block["value"]["prompts"]
                assert prompts and all(p["type"] == "item" and p["id"] for p in prompts)
