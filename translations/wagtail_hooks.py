"""Registers the translation status report, the review action and the checked
PO upload (in front of wagtail-localize's own, at the same address)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from translations.admin_views import (
    MarkReviewedView,
    TranslationStatusView,
    checked_po_upload,
)


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusView.as_view(),
            name="translation_status",
        ),
        path(
            "translations/<str:kind>/<int:pk>/reviewed/",
            MarkReviewedView.as_view(),
            name="translation_mark_reviewed",
        ),
        # This app's hooks load before wagtail-localize's: this pattern wins.
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            checked_po_upload,
            name="translation_po_upload",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        "Translation status",
        reverse("translation_status"),
        icon_name="site",
        order=700,
    )
