"""Registers the trainers' certificate tools with the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks

from training.certificates.admin_views import (
    CertificatePdfView,
    CertificateReportView,
    CertificateRevokeView,
    CertificatesMenuItem,
    CertificateZipView,
)
from training.certificates.services import REVOKE_ACTION


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "reports/certificates/",
            CertificateReportView.as_view(),
            name="certificate_report",
        ),
        path(
            "reports/certificates/results/",
            CertificateReportView.as_view(results_only=True),
            name="certificate_report_results",
        ),
        path(
            "reports/certificates/zip/",
            CertificateZipView.as_view(),
            name="certificate_report_zip",
        ),
        path(
            "reports/certificates/<id:pk>/pdf/",
            CertificatePdfView.as_view(),
            name="certificate_admin_pdf",
        ),
        path(
            "reports/certificates/<id:pk>/revoke/",
            CertificateRevokeView.as_view(),
            name="certificate_revoke",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        "Certificates",
        reverse("certificate_report"),
        name="certificates",
        icon_name="doc-full",
        order=650,
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(REVOKE_ACTION, "Revoke certificate", "Certificate revoked")
