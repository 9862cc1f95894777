from django.test import override_settings
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from audiences.models import AudiencePage, HomePage, StandardPage, TrainingRequestPage
from audiences.setup import setup_site
from tests.factories import audience_page, make_module
from training.models import LessonPage, TrainingModulePage

EVERY_BLOCK = [
    {
        "type": "rich_text",
        "value": '<h2>Heading</h2><p><b>Bold</b> <a href="https://example.org">link</a></p>',
    },
    {
        "type": "key_point",
        "value": {"heading": "Remember", "text": "It is never the child's fault."},
    },
    {
        "type": "callout",
        "value": {"kind": "warning", "heading": "Careful", "text": "Do not interview."},
    },
    {
        "type": "scenario",
        "value": {
            "title": "Dana",
            "case": "Dana, 15, has a new phone.",
            "prompts": ["What do you notice?"],
            "good_response": "Stay calm and listen.",
        },
    },
    {
        "type": "knowledge_check",
        "value": {
            "question": "Can a child consent?",
            "choices": [
                {"text": "No", "correct": True, "feedback": "Right."},
                {"text": "Yes", "correct": False, "feedback": "No."},
            ],
        },
    },
    {
        "type": "get_help",
        "value": {"heading": "Get help now", "text": "You are not alone."},
    },
    {
        "type": "sources",
        "value": [
            {
                "title": "Safe Harbor",
                "publisher": "malegislature.gov",
                "year": 2011,
                "url": "https://malegislature.gov/",
            }
        ],
    },
]


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = setup_site()
        cls.module = make_module(parent=audience_page("youth"), lessons=1)

    def test_modules_live_only_under_audience_pages(self):
        self.assertCanCreateAt(AudiencePage, TrainingModulePage)
        self.assertCanNotCreateAt(HomePage, TrainingModulePage)
        self.assertCanNotCreateAt(StandardPage, TrainingModulePage)
        self.assertCanNotCreateAt(TrainingModulePage, TrainingModulePage)

    def test_lessons_live_only_under_modules(self):
        self.assertCanCreateAt(TrainingModulePage, LessonPage)
        self.assertCanNotCreateAt(AudiencePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)

    def test_home_holds_audiences_and_standard_pages(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, AudiencePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(AudiencePage, AudiencePage)
        self.assertAllowedSubpageTypes(
            HomePage, {AudiencePage, StandardPage, TrainingRequestPage}
        )
        self.assertAllowedParentPageTypes(LessonPage, {TrainingModulePage})

    def test_a_lesson_using_every_block_renders(self):
        lesson = self.module.add_child(
            instance=LessonPage(
                title="Every block", slug="every-block", body=EVERY_BLOCK
            )
        )
        lesson.save_revision().publish()
        self.assertPageIsRenderable(lesson)
        html = self.client.get(lesson.url).content.decode()
        for text in (
            "Remember",
            "Do not interview.",
            "What a good response looks like",
            "Can a child consent?",
            "tel:18007925200",
            "Safe Harbor",
        ):
            self.assertIn(text, html)

    # Wagtail's preview helper signs in its own superuser with no second factor;
    # the MFA gate has its own tests in tests/accounts.
    @override_settings(REQUIRE_STAFF_MFA=False)
    def test_module_and_lesson_pages_are_renderable_and_previewable(self):
        self.assertPageIsRenderable(self.module)
        module_form = nested_form_data(
            {
                "title": "Draft module",
                "slug": "draft-module",
                "summary": "Preview me.",
                "objectives": streamfield([("objective", "Spot the signs")]),
                "estimated_minutes": 15,
                "min_lesson_minutes": 0,
                "ce_hours": "0",
                "content_note": "",
                "sources": streamfield([]),
            }
        )
        self.assertPageIsPreviewable(self.module, post_data=module_form)
        lesson = self.module.lessons().first()
        lesson_form = nested_form_data(
            {
                "title": "Draft lesson",
                "slug": "draft-lesson",
                "body": streamfield([("rich_text", rich_text("Preview text"))]),
            }
        )
        self.assertPageIsPreviewable(lesson, post_data=lesson_form)
