"""The block library lessons (and site pages) are written with.

Every block tells the trainer what it is for (description) and shows a preview.
There is deliberately no raw HTML block: editors cannot inject markup.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Lesson rich text uses the default editor's features (WAGTAILADMIN_RICH_TEXT_EDITORS
# in settings); page introductions keep to these inline ones.
INLINE_FEATURES = ["bold", "italic", "link"]


class LessonRichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "training/blocks/rich_text.html"
        description = "Paragraphs, headings (h2-h4), lists and links."
        preview_value = (
            "<h2>What CSEC is</h2><p>CSEC is a form of <b>child sexual abuse</b>.</p>"
        )


class KeyPointBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.TextBlock()

    class Meta:
        icon = "pick"
        template = "training/blocks/key_point.html"
        description = "One idea the learner must take away, set apart from the text."
        preview_value = {
            "heading": "Key point",
            "text": "It is never the child's fault.",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("info", "Information"),
            ("warning", "Warning"),
            ("content_note", "Content note"),
        ],
        default="info",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.TextBlock()

    class Meta:
        icon = "info-circle"
        template = "training/blocks/callout.html"
        description = "A boxed note: information, a warning or a content note."
        preview_value = {
            "kind": "content_note",
            "heading": "Content note",
            "text": "This part talks about sexual abuse. You can pause at any time.",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe the image for someone who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "training/blocks/image.html"
        description = "An image with required alt text and an optional caption."


class VideoBlock(blocks.StructBlock):
    """A video served by this site (no third-party player: no tracking of minors)."""

    title = blocks.CharBlock(max_length=200)
    video = DocumentChooserBlock(help_text="An MP4 or WebM file uploaded to Documents.")
    captions = DocumentChooserBlock(
        required=False, help_text="Optional WebVTT (.vtt) captions file."
    )
    transcript = blocks.TextBlock(
        help_text="Required: the full text of the video, for learners who cannot "
        "play or hear it."
    )

    class Meta:
        icon = "media"
        template = "training/blocks/video.html"
        description = "A self-hosted video with captions and a required transcript."


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    case = blocks.TextBlock(help_text="The short case. No graphic detail.")
    prompts = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label="Reflection prompts"
    )
    good_response = blocks.TextBlock(label="What a good response looks like")

    class Meta:
        icon = "user"
        template = "training/blocks/scenario.html"
        description = "A short case with questions to think about and a model answer."
        preview_value = {
            "title": "A new friend",
            "case": "Sam, 14, has a new older friend who buys them gifts.",
            "prompts": ["What do you notice?", "Who could Sam talk to?"],
            "good_response": "Notice the gifts and secrecy; talk to a trusted adult.",
        }


class CheckChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.CharBlock(max_length=500, required=False)


class KnowledgeCheckBlock(blocks.StructBlock):
    """One practice question with instant feedback. Never graded or recorded."""

    question = blocks.CharBlock(max_length=300)
    choices = blocks.ListBlock(CheckChoiceBlock(), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError("Mark at least one choice correct.")
                }
            )
        return value

    class Meta:
        icon = "help"
        template = "training/blocks/knowledge_check.html"
        description = "A practice question with instant feedback (not graded)."
        preview_value = {
            "question": "Can a child consent to being exploited?",
            "choices": [
                {"text": "No", "correct": True, "feedback": "Right: it is abuse."},
                {"text": "Yes", "correct": False, "feedback": "No child can consent."},
            ],
        }


class GetHelpBlock(blocks.StructBlock):
    """Renders the hotlines from SafetySettings, so no number is typed into a lesson."""

    heading = blocks.CharBlock(max_length=120, default="Get help now")
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "warning"
        template = "training/blocks/get_help.html"
        description = (
            "The hotlines and the CAC contact, from the site's safety settings."
        )
        preview_value = {"heading": "Get help now", "text": "You are not alone."}


class RequestTrainingBlock(blocks.StructBlock):
    """Invites a school or group to book the CAC; links the request form by name."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Bring this training to your school, agency or group",
    )
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "group"
        template = "training/blocks/request_training.html"
        description = "An invitation to request an in-person or live training."
        preview_value = {
            "heading": "Bring this training to your school, agency or group",
            "text": "The CAC trains staff and community groups.",
        }


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    publisher = blocks.CharBlock(max_length=200)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"


class SourcesBlock(blocks.ListBlock):
    def __init__(self, child_block=None, **kwargs):
        super().__init__(child_block or SourceBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "training/blocks/sources.html"
        description = "Where the facts in this lesson come from."
        preview_value = [
            {
                "title": "Mandated reporter training",
                "publisher": "Mass.gov",
                "year": 2024,
                "url": "https://www.mass.gov/info-details/mandated-reporter-training",
            }
        ]


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = LessonRichTextBlock()
    key_point = KeyPointBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    scenario = ScenarioBlock()
    knowledge_check = KnowledgeCheckBlock()
    get_help = GetHelpBlock()
    request_training = RequestTrainingBlock()
    sources = SourcesBlock()
