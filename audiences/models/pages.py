"""Who a page is for: audiences, the home page, audience landings and site pages."""

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult

from audiences.page_extras import audience_page_sections
from audiences.page_tree import reachable_page
from training.blocks import INLINE_FEATURES, LessonBodyBlock
from training.selectors import audience_modules


@register_snippet
class Audience(models.Model):
    """One of the four groups the CAC trains; decides anonymity and certificates."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=255)
    allows_anonymous_learners = models.BooleanField(
        default=True,
        help_text="Learners may read lessons and take quizzes without an account; "
        "they sign up only to keep a certificate.",
    )
    for_minors = models.BooleanField(
        "for minors",
        default=False,
        help_text="Learners are under 18 (youth): never asked for an account, and a "
        "certificate's verification shows a first name only.",
    )
    earns_formal_certificates = models.BooleanField(
        default=False,
        help_text="Completing a module earns a verifiable certificate for its hours "
        "of training.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("allows_anonymous_learners"),
        FieldPanel("for_minors"),
        FieldPanel("earns_formal_certificates"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class HomePage(Page):
    """ "Who are you?": one door per audience and the hotlines."""

    intro = RichTextField(features=INLINE_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "audiences.AudiencePage",
        "audiences.StandardPage",
        "audiences.TrainingRequestPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """Find a descendant by its URL path in one query instead of one per level.

        Served only if it and every ancestor are live (an unpublished module
        takes its lessons with it). Safe because no page type in this tree
        routes its own sub-paths; one that did (a RoutablePage) would need
        Wagtail's level-by-level route back.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = reachable_page(root_url_path=self.url_path, url_path=url_path)
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

    # A ForeignKey, not one-to-one: each language's landing is the same audience.
    audience = models.ForeignKey(
        Audience, on_delete=models.PROTECT, related_name="pages"
    )
    door_label = models.CharField(
        max_length=80,
        help_text='Shown on the home page door, e.g. "I am a teen".',
    )
    door_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="One sentence under the door label: who this training is for.",
    )
    intro = RichTextField(features=INLINE_FEATURES, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("door_label"),
        FieldPanel("door_text"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["audiences.HomePage"]
    subpage_types = ["training.TrainingModulePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = audience_modules(
            audience_page=self, learner=request.learner
        )
        # One query gives the other doors and this page's own audience.
        audience_pages = list(
            AudiencePage.objects.sibling_of(self)
            .live()
            .select_related("audience")
            .order_by("audience__sort_order")
        )
        context["audience"] = next(
            p.audience for p in audience_pages if p.pk == self.pk
        )
        context["other_audience_pages"] = [p for p in audience_pages if p.pk != self.pk]
        # Other apps' sections (e.g. live sessions), without importing them here.
        context["page_sections"] = audience_page_sections(request, self)
        return context


class SiteRole(models.TextChoices):
    """The site pages templates link to by name, whatever their slug."""

    ABOUT = "about", "About CSEC"
    GET_HELP = "get_help", "Get help"
    PRIVACY = "privacy", "Privacy"


class StandardPage(Page):
    """About CSEC, Get help, Privacy and other plain pages."""

    # Set by setup from the curriculum files, never in the admin: the footer
    # and help bar find these pages by role, so a trainer may rename the slug.
    site_role = models.CharField(
        max_length=20, choices=SiteRole.choices, blank=True, editable=False
    )
    intro = models.TextField(blank=True)
    body = StreamField(LessonBodyBlock(), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["audiences.HomePage", "audiences.StandardPage"]
    subpage_types = ["audiences.StandardPage"]
