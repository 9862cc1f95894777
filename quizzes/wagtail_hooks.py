from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes.admin_views import ExportGiftView, ImportGiftView, quiz_permissions
from quizzes.models import Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "help"
    menu_label = "Quizzes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "pass_mark", "max_attempts", "live"]
    search_fields = ["title"]


register_snippet(QuizViewSet)


# GIFT import/export: admin URLs, and links in each quiz row's "More" menu.
@hooks.register("register_admin_urls")
def register_gift_urls():
    return [
        path(
            "quizzes/<id:pk>/import-gift/",
            ImportGiftView.as_view(),
            name="quizzes_import_gift",
        ),
        path(
            "quizzes/<id:pk>/export-gift/",
            ExportGiftView.as_view(),
            name="quizzes_export_gift",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def gift_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Quiz):
        return
    if not quiz_permissions.user_has_permission(user, "change"):
        return
    yield Button(
        "Import GIFT",
        url=reverse("quizzes_import_gift", args=[snippet.pk]),
        icon_name="upload",
        priority=60,
    )
    yield Button(
        "Export GIFT",
        url=reverse("quizzes_export_gift", args=[snippet.pk]),
        icon_name="download",
        priority=61,
    )
