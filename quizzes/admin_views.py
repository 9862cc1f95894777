"""Wagtail admin views: import GIFT questions into a quiz, export a quiz as GIFT."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from quizzes.choices import QuestionKind, Topic
from quizzes.gift.parser import GiftError
from quizzes.gift.services import (
    MAX_GIFT_BYTES,
    gift_export,
    gift_import_plan,
    gift_preview,
    import_blocked_reason,
    read_gift,
)
from quizzes.models import Quiz

EDIT_URL_NAME = "wagtailsnippets_quizzes_quiz:edit"


# Both views need "change" on quizzes (quizzes.change_quiz).
quiz_permissions = ModelPermissionPolicy(Quiz)


class QuizChangeMixin(PermissionCheckedMixin):
    """The quiz in the URL, for users who may change quizzes (else denied)."""

    permission_policy = quiz_permissions
    permission_required = "change"

    @cached_property
    def quiz(self) -> Quiz:
        return get_object_or_404(Quiz, pk=self.kwargs["pk"])


class GiftSourceForm(forms.Form):
    """A GIFT file or pasted GIFT text; the file wins when both are given."""

    file = forms.FileField(
        required=False,
        label="GIFT file",
        help_text="A .gift or .txt file saved as UTF-8, at most 1 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".gift,.txt,text/plain"}),
    )
    # strip=False: leading blank lines count, or the error line numbers drift.
    text = forms.CharField(
        required=False,
        strip=False,
        label="or paste GIFT text",
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    default_topic = forms.ChoiceField(
        required=False,
        label="Topic for unmatched categories",
        choices=[("", "None: leave those questions out"), *Topic.choices],
        help_text=(
            "For questions whose $CATEGORY matches no topic (its last part is "
            "the topic's name). Left empty, they are not imported; the preview "
            "lists them either way."
        ),
    )

    def gift_text(self) -> str:
        """The GIFT text to parse; raises GiftError for a bad file or no input."""
        upload = self.cleaned_data.get("file")
        if upload:
            if upload.size > MAX_GIFT_BYTES:
                raise GiftError(
                    [(1, "Line 1: the file is larger than 1 MB; split it up")]
                )
            return read_gift(data=upload.read())
        text = self.cleaned_data.get("text") or ""
        if not text.strip():
            raise GiftError([(0, "Choose a GIFT file or paste GIFT text.")])
        return read_gift(data=text)


class ImportGiftView(QuizChangeMixin, WagtailAdminTemplateMixin, View):
    """GET: the form. POST action=preview: check and show. POST action=import: save."""

    template_name = "quizzes/admin/import_gift.html"
    page_title = "Import GIFT"
    header_icon = "upload"

    def get_page_subtitle(self):
        return str(self.quiz)

    @cached_property
    def edit_url(self) -> str:
        return reverse(EDIT_URL_NAME, args=[self.quiz.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_quizzes_quiz:list"), "label": "Quizzes"},
            {"url": self.edit_url, "label": str(self.quiz)},
            {"url": "", "label": self.page_title},
        ]

    @cached_property
    def header_buttons(self):
        export_url = reverse("quizzes_export_gift", args=[self.quiz.pk])
        return [HeaderButton("Export GIFT", url=export_url, icon_name="download")]

    def get(self, request, *args, **kwargs):
        return self.render(GiftSourceForm())

    def post(self, request, *args, **kwargs):
        form = GiftSourceForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        default_topic = form.cleaned_data["default_topic"]
        importing = request.POST.get("action") == "import"
        try:
            text = form.gift_text()
            # The import checks the text again: it came back from the browser.
            plan = gift_preview(text=text, default_topic=default_topic)
            if importing:
                imported = gift_import_plan(
                    quiz=self.quiz, plan=plan, user=request.user
                )
        except GiftError as error:
            return self.render(form, errors=[message for _, message in error.errors])
        if importing:
            left_out = f" {len(plan.dropped)} left out, as the preview listed."
            message = f"Imported {len(imported)} questions."
            messages.success(request, message + (left_out if plan.dropped else ""))
            return redirect(self.edit_url)
        rows = [
            {
                "question": question,
                "kind": QuestionKind(question.kind).label,
                "topic": Topic(question.category).label,
            }
            for question in plan.questions
        ]
        return self.render(
            form, plan=plan, preview_rows=rows, text=text, default_topic=default_topic
        )

    def render(self, form, **extra):
        # After a preview with questions to import, the confirm form carries the
        # text, so the source form starts afresh; otherwise it keeps the input.
        plan = extra.get("plan")
        if plan is not None and plan.questions:
            form = GiftSourceForm(initial={"default_topic": extra["default_topic"]})
        context = self.get_context_data(
            form=form,
            quiz=self.quiz,
            edit_url=self.edit_url,
            blocked_reason=import_blocked_reason(quiz=self.quiz),
            **extra,
        )
        return self.render_to_response(context)


class ExportGiftView(QuizChangeMixin, View):
    """Download the quiz's saved questions as quiz-<pk>.gift."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            text = gift_export(quiz=self.quiz)
        except ValueError as error:
            messages.error(request, f"This quiz cannot be exported as GIFT: {error}")
            return redirect(EDIT_URL_NAME, pk)
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="quiz-{pk}.gift"'
        return response
