"""Loading the curriculum: complete, idempotent, and respectful of trainers' edits."""

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from audiences.models import StandardPage
from audiences.setup import setup_site
from quizzes.grading import FrozenQuestion, grade
from quizzes.models import Quiz
from tests.factories import make_user
from training.curriculum_loader import load_curriculum
from training.models import LessonPage, TrainingModulePage


def frozen(quiz) -> list[FrozenQuestion]:
    return [
        FrozenQuestion(
            id=question.pk,
            correct=frozenset(c.pk for c in question.choices.all() if c.is_correct),
            choice_ids=tuple(c.pk for c in question.choices.all()),
        )
        for question in quiz.questions.prefetch_related("choices")
    ]


class CurriculumLoaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_site()
        cls.first_report = load_curriculum()

    def test_every_audience_has_a_published_module_with_lessons_and_a_quiz(self):
        for slug in ("youth", "parents", "caregivers", "providers"):
            module = TrainingModulePage.objects.live().get(
                url_path__startswith=f"/home/{slug}/"
            )
            self.assertGreaterEqual(module.lessons().count(), 4, slug)
            self.assertTrue(module.quiz and module.quiz.live, slug)
            self.assertGreaterEqual(module.quiz.questions.count(), 12, slug)
        providers = TrainingModulePage.objects.get(
            url_path__startswith="/home/providers/"
        )
        self.assertEqual(str(providers.ce_hours), "1.50")
        self.assertEqual(providers.valid_for_months, 24)

    def test_every_quiz_is_passable_and_failable(self):
        for quiz in Quiz.objects.all():
            questions = frozen(quiz)
            key = {q.id: q.correct for q in questions}
            self.assertEqual(
                grade(questions=questions, answers=key, pass_mark=80).score, 100
            )
            wrong = {q.id: frozenset(set(q.choice_ids) - q.correct) for q in questions}
            result = grade(questions=questions, answers=wrong, pass_mark=quiz.pass_mark)
            self.assertFalse(result.passed, quiz.title)
            self.assertTrue(all(q.explanation for q in quiz.questions.all()))

    def test_site_pages_get_their_content(self):
        about = StandardPage.objects.get(slug="about-csec")
        self.assertIn("200", " ".join(str(block.value) for block in about.body))
        get_help = StandardPage.objects.get(slug="get-help")
        # SECURITY.md: the safety page says quick exit does not erase history.
        get_help_text = " ".join(str(block.value) for block in get_help.body).lower()
        self.assertIn("quick-exit button does not erase your history", get_help_text)
        privacy = StandardPage.objects.get(slug="privacy")
        self.assertIn("30 days", " ".join(str(block.value) for block in privacy.body))

    def test_loading_twice_changes_nothing(self):
        pages, revisions = Page.objects.count(), self._revision_count()
        report = load_curriculum()
        self.assertEqual((report.created, report.updated, report.skipped), ([], [], []))
        self.assertEqual(Page.objects.count(), pages)
        self.assertEqual(self._revision_count(), revisions)

    def test_a_trainers_edit_survives_a_reload(self):
        trainer = make_user(email="trainer@example.org")
        lesson = LessonPage.objects.live().first()
        lesson.title = "Retitled by the CAC"
        lesson.save_revision(user=trainer).publish()
        quiz = Quiz.objects.first()
        quiz.pass_mark = 90
        quiz.save()
        quiz.save_revision(user=trainer).publish()

        report = load_curriculum()

        lesson.refresh_from_db()
        quiz.refresh_from_db()
        self.assertEqual(lesson.title, "Retitled by the CAC")
        self.assertEqual(quiz.pass_mark, 90)
        skipped = " ".join(report.skipped)
        self.assertIn(lesson.slug, skipped)
        self.assertIn("edited by", skipped)

    def test_the_command_reports_what_it_did(self):
        from io import StringIO

        out = StringIO()
        call_command("load_curriculum", stdout=out)
        self.assertIn("0 created, 0 updated, 0 skipped", out.getvalue())

    @staticmethod
    def _revision_count() -> int:
        from wagtail.models import Revision

        return Revision.objects.count()
