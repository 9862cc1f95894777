"""Trainers' view of the translations: status per page and quiz, review, PO upload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import (
    upload_pofile,
    user_can_edit_instance,
)

from quizzes.models import Quiz
from translations.selectors import translation_states
from translations.services import BadPoFile, po_file_checked, review_mark

STATUSES = ["missing", "out of date", "awaiting review", "reviewed"]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every English page and quiz: is it translated, current, reviewed?"""

    template_name = "translations/admin/status.html"
    page_title = "Translation status"
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        states = translation_states()
        language = self.request.GET.get("language", "")
        status = self.request.GET.get("status", "")
        if language:
            states = [s for s in states if s.language == language]
        if status:
            states = [s for s in states if s.status == status]
        return super().get_context_data(
            states=states,
            language=language,
            status=status,
            statuses=STATUSES,
            languages=Locale.objects.exclude(pk=Locale.get_default().pk).values_list(
                "language_code", flat=True
            ),
            **kwargs,
        )


def _target(kind: str, pk: int):
    model = Page if kind == "page" else Quiz
    found = get_object_or_404(model, pk=pk)
    return found.specific if kind == "page" else found


class MarkReviewedView(View):
    """POST: the trainer has read this translation as learners see it now."""

    def post(self, request, kind: str, pk: int):
        target = _target(kind, pk)
        if not user_can_edit_instance(request.user, target):
            raise PermissionDenied
        review_mark(target=target, user=request.user)
        messages.success(
            request,
            f"{target} ({target.locale.language_code}) is marked as reviewed. "
            "Learners no longer see the review notice on it.",
        )
        next_url = get_valid_next_url_from_request(request)
        return redirect(next_url or reverse("translation_status"))


def checked_po_upload(request, translation_id: int):
    """wagtail-localize's PO upload, after checking the file (it would answer a
    file without its header with a 500, and import from a file for another page)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    try:
        po_file_checked(request.FILES.get("file"), translation=translation)
    except BadPoFile as error:
        messages.error(request, f"Nothing was imported: {error}")
        next_url = get_valid_next_url_from_request(request)
        return redirect(next_url or reverse("translation_status"))
    return upload_pofile(request, translation_id)
