"""A school or agency asks the CAC for an in-person training (Wagtail form builder)."""

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from config.ratelimits import over_limit
from training.blocks import INLINE_FEATURES

# A class is at most a few hundred people; 0 or 10,000 is a typo.
MIN_PARTICIPANTS, MAX_PARTICIPANTS = 1, 1000
# A field people never see (hidden by CSS, out of the tab order); bots fill it.
HONEYPOT = "website_address"
TOO_MANY_REQUESTS = _(
    "You have sent several requests in the last hour. We have them: please wait "
    "for our reply, or call the CAC."
)


class TrainingRequestFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        # Help text is rendered as HTML by the form templates; a trainer's text
        # must not be able to inject markup.
        options["help_text"] = conditional_escape(options.get("help_text", ""))
        return options

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "tabindex": "-1", "class": "honeypot"}
            ),
        )
        return fields

    def create_number_field(self, field, options):
        options.update(min_value=MIN_PARTICIPANTS, max_value=MAX_PARTICIPANTS)
        return super().create_number_field(field, options)


class TrainingRequestField(TranslatableMixin, AbstractFormField):
    """One question of the request form; translated with its page."""

    page = ParentalKey(
        "TrainingRequestPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


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

    def get_submissions_list_view_class(self):
        # Deferred, as Wagtail's own is: the admin views import the models.
        from audiences.admin_views import FormulaSafeSubmissionsListView

        return FormulaSafeSubmissionsListView

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if request.POST.get(HONEYPOT):
            # Thank a bot as if it were a person; keep and send nothing.
            return self.render_landing_page(request, None, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        status = 200
        if form.is_valid():
            # Only requests that would be stored count towards the limit.
            if not over_limit(request, action="training_request"):
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(None, TOO_MANY_REQUESTS)
            status = 429
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def process_form_submission(self, form):
        del form.fields[HONEYPOT]
        form.cleaned_data.pop(HONEYPOT, None)
        # The CAC's inbox comes from settings unless a trainer set one on the page.
        if not self.to_address:
            self.to_address = settings.TRAINING_REQUEST_EMAIL
        return super().process_form_submission(form)
