"""Loading translations: each file becomes the wagtail-localize translation of its
English page or quiz; reloads are idempotent and spare a translator's edits."""

import shutil

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from audiences.models import AudiencePage, HomePage, StandardPage
from quizzes.models import Quiz
from tests.factories import make_user
from tests.training.pseudo_translation import pseudo_translate
from training.curriculum_loader import CURRICULUM_DIR, load_curriculum
from training.curriculum_translations import load_translations
from training.models import LessonPage, TrainingModulePage

MODULE = "youth-understanding-exploitation"


@pytest.fixture
def curriculum(tmp_path):
    (tmp_path / "pages").mkdir()
    for name in (
        f"{MODULE}.yaml",
        f"{MODULE}.gift",
        "site.yaml",
        "pages/about-csec.yaml",
        "pages/get-help.yaml",
    ):
        shutil.copy(CURRICULUM_DIR / name, tmp_path / name)
    pseudo_translate(tmp_path, "es")
    return tmp_path


def load(curriculum, capture):
    # wagtail-localize publishes a translation when its transaction commits.
    with capture(execute=True):
        return load_translations(directory=curriculum)


@pytest.fixture
def loaded(home, curriculum, django_capture_on_commit_callbacks):
    load_curriculum(directory=curriculum)
    return load(curriculum, django_capture_on_commit_callbacks)


def spanish(model, **lookup):
    return model.objects.get(locale__language_code="es", **lookup)


def test_every_page_and_the_quiz_get_their_spanish_translation(loaded):
    english_lesson = LessonPage.objects.get(
        locale=Locale.get_default(), slug="what-exploitation-is"
    )
    lesson = spanish(LessonPage, slug="what-exploitation-is")
    assert lesson.translation_key == english_lesson.translation_key
    assert lesson.live and lesson.title.startswith("[es] ")
    assert lesson.url == "/es/youth/understanding-exploitation/what-exploitation-is/"
    assert spanish(HomePage).title.startswith("[es] ")
    assert spanish(AudiencePage, slug="youth").door_text.startswith("[es] ")
    assert spanish(StandardPage, site_role="about").title.startswith("[es] ")
    module = spanish(TrainingModulePage, slug="understanding-exploitation")
    quiz = module.quiz
    english_quiz = Quiz.objects.get(locale=Locale.get_default())
    assert quiz.locale.language_code == "es" and quiz.translation_key == (
        english_quiz.translation_key
    )
    assert all(q.prompt.startswith("[es] ") for q in quiz.questions.all())
    assert set(quiz.questions.values_list("translation_key", flat=True)) == set(
        english_quiz.questions.values_list("translation_key", flat=True)
    )


def test_list_items_and_struct_fields_are_translated(loaded):
    for lesson in LessonPage.objects.filter(locale__language_code="es"):
        for block in lesson.body:
            if block.block_type == "scenario":
                assert all(p.startswith("[es] ") for p in block.value["prompts"])
            if block.block_type == "knowledge_check":
                assert all(
                    c["text"].startswith("[es] ") for c in block.value["choices"]
                )


def test_the_translator_tools_see_a_complete_translation(loaded):
    for translation in Translation.objects.all():
        total, done = translation.get_progress()
        assert done == total, translation


def test_loading_twice_changes_nothing(
    loaded, curriculum, django_capture_on_commit_callbacks
):
    again = load(curriculum, django_capture_on_commit_callbacks)
    assert (again.created, again.updated, again.skipped) == ([], [], [])


def test_a_translators_edit_survives_a_reload(
    loaded, curriculum, django_capture_on_commit_callbacks
):
    translator = make_user(email="traductora@example.org", name="Rosa Traductora")
    lesson = spanish(LessonPage, slug="what-exploitation-is")
    lesson.title = "Corregido por la traductora"
    lesson.save_revision(user=translator).publish()
    report = load(curriculum, django_capture_on_commit_callbacks)
    lesson.refresh_from_db()
    assert lesson.title == "Corregido por la traductora"
    assert any(
        "what-exploitation-is" in line and "Rosa" in line for line in report.skipped
    )
