"""Who a page is for: audiences, the home page, audience landings and site pages."""

from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from training.blocks import INLINE_FEATURES, LessonBodyBlock

phone_validator = RegexValidator(
    r"^[0-9A-Za-z +().,-]{3,40}$",
    "Use digits, spaces, dashes, brackets or a leading +, e.g. 1-800-792-5200.",
)


@register_snippet
class Audience(models.Model):
    """One of the four groups the CAC trains; decides anonymity and certificates."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=255)
    allows_anonymous_learners = models.BooleanField(
        default=False,
        help_text="Learners may take modules without an account (youth).",
    )
    earns_formal_certificates = models.BooleanField(
        default=False,
        help_text="Completing a module earns a verifiable certificate with CE hours.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("allows_anonymous_learners"),
        FieldPanel("earns_formal_certificates"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class HomePage(Page):
    """"Who are you?": one door per audience and the hotlines."""

    intro = RichTextField(features=INLINE_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["audiences.AudiencePage", "audiences.StandardPage"]
    max_count = 1

    def route(self, request, path_components):
        """Find a descendant by its URL path in one query instead of one per level.

        Safe because no page type in this tree routes its own sub-paths; a type
        that did (a RoutablePage) would need Wagtail's level-by-level route back.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.live().filter(url_path=url_path).first()
        if page is None:
            raise Http404
        return RouteResult(page.specific)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["audience_pages"] = (
            AudiencePage.objects.child_of(self)
            .live()
            .public()
            .select_related("audience")
            .order_by("audience__sort_order")
        )
        return context


class AudiencePage(Page):
    """An audience's landing: what it will learn and its modules."""

    audience = models.OneToOneField(
        Audience, on_delete=models.PROTECT, related_name="page"
    )
    door_label = models.CharField(
        max_length=80,
        help_text='Shown on the home page door, e.g. "I am a teen".',
    )
    intro = RichTextField(features=INLINE_FEATURES, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("door_label"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["audiences.HomePage"]
    subpage_types = ["training.TrainingModulePage"]

    def get_context(self, request, *args, **kwargs):
        from training.selectors import audience_modules

        context = super().get_context(request, *args, **kwargs)
        context["modules"] = audience_modules(audience_page=self, learner=request.learner)
        return context

    def serve(self, request, *args, **kwargs):
        from training.views import private_response

        return private_response(super().serve(request, *args, **kwargs))

    def other_audience_pages(self):
        return (
            AudiencePage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .select_related("audience")
            .order_by("audience__sort_order")
        )


class StandardPage(Page):
    """About CSEC, Get help, Privacy and other plain pages."""

    intro = models.TextField(blank=True)
    body = StreamField(LessonBodyBlock(), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["audiences.HomePage", "audiences.StandardPage"]
    subpage_types = ["audiences.StandardPage"]


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Hotlines and the quick-exit target, shown on every public page."""

    dcf_hotline = models.CharField(
        "DCF Child-at-Risk Hotline",
        max_length=40,
        default="1-800-792-5200",
        validators=[phone_validator],
    )
    trafficking_hotline = models.CharField(
        "National Human Trafficking Hotline",
        max_length=40,
        default="888-373-7888",
        validators=[phone_validator],
    )
    trafficking_text_number = models.CharField(
        "Trafficking Hotline text number",
        max_length=20,
        default="233733",
        validators=[phone_validator],
    )
    trafficking_text_keyword = models.CharField(
        "Word to text", max_length=20, default="HELP"
    )
    crisis_line = models.CharField(
        "Suicide & Crisis Lifeline",
        max_length=20,
        default="988",
        validators=[phone_validator],
    )
    cac_name = models.CharField(
        "CAC name", max_length=120, default="Children's Advocacy Center of Bristol County"
    )
    cac_phone = models.CharField(
        "CAC phone",
        max_length=40,
        default="508-674-6111",
        validators=[phone_validator],
    )
    cac_phone_extension = models.CharField(
        "CAC extension", max_length=10, blank=True, default="113"
    )
    quick_exit_url = models.URLField(
        "Quick-exit destination",
        default="https://www.weather.gov/",
        help_text="A neutral site the quick-exit button opens instead of this one.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("dcf_hotline"),
                FieldPanel("trafficking_hotline"),
                FieldPanel("trafficking_text_number"),
                FieldPanel("trafficking_text_keyword"),
                FieldPanel("crisis_line"),
            ],
            heading="Hotlines",
        ),
        MultiFieldPanel(
            [
                FieldPanel("cac_name"),
                FieldPanel("cac_phone"),
                FieldPanel("cac_phone_extension"),
            ],
            heading="CAC contact",
        ),
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = "Safety settings"
