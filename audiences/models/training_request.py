"""A school or agency asks the CAC for an in-person training (Wagtail form builder)."""

from django.conf import settings
from django.db import models
from django.utils.html import conditional_escape
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField

from training.blocks import INLINE_FEATURES

# A class is at most a few hundred people; 0 or 10,000 is a typo.
MIN_PARTICIPANTS, MAX_PARTICIPANTS = 1, 1000


class TrainingRequestFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        # Help text is rendered as HTML by the form templates; a trainer's text
        # must not be able to inject markup.
        options["help_text"] = conditional_escape(options.get("help_text", ""))
        return options

    def create_number_field(self, field, options):
        options.update(min_value=MIN_PARTICIPANTS, max_value=MAX_PARTICIPANTS)
        return super().create_number_field(field, options)


class TrainingRequestField(AbstractFormField):
    page = ParentalKey(
        "TrainingRequestPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class TrainingRequestPage(AbstractEmailForm):
    """Submissions are stored (Forms in the admin) and emailed to the CAC."""

    form_builder = TrainingRequestFormBuilder
    intro = RichTextField(features=INLINE_FEATURES, blank=True)
    thank_you_text = RichTextField(features=INLINE_FEATURES, blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Email",
        ),
    ]
    parent_page_types = ["audiences.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def process_form_submission(self, form):
        # The CAC's inbox comes from settings unless a trainer set one on the page.
        if not self.to_address:
            self.to_address = settings.TRAINING_REQUEST_EMAIL
        return super().process_form_submission(form)
