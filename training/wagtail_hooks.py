"""Trainers' certificate tools in the Wagtail admin: report, export, revoke, PDFs."""

import io
import re
import zipfile

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button
from wagtail.models import Site

from audiences.models import Audience
from config.fields import DatabaseIdChoiceFilter
from config.spreadsheets import FormulaSafeExportMixin
from training.certificates import (
    REVOKE_ACTION,
    CertificateError,
    certificate_revoke,
    code_normalise,
)
from training.models import Certificate, CertificateStatus, TrainingModulePage
from training.pdf import document_for_certificate, render_certificate_pdf

VIEW_PERMISSION = "training.view_certificate"
REVOKE_PERMISSION = "training.revoke_certificate"
ZIP_MAX = 250  # PDFs per ZIP; CERTIFICATE_ZIP_MAX overrides. ~40 ms each to render.
CODE_FRAGMENT_RE = re.compile(r"^[A-Z2-7]{4,32}$")


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class CertificateFilterSet(WagtailFilterSet):
    module = DatabaseIdChoiceFilter(
        label="Module",
        empty_label="All modules",
        queryset=TrainingModulePage.objects.filter(issues_certificate=True).order_by(
            "title"
        ),
    )
    audience = DatabaseIdChoiceFilter(
        label="Audience", empty_label="All audiences", queryset=Audience.objects.all()
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label="Issued", widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=CertificateStatus.choices,
        empty_label="Any status",
        method="filter_status",
    )

    class Meta:
        model = Certificate
        fields = ["module", "audience", "issued_at", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset


class CertificateActionsColumn(Column):
    cell_template_name = "training/certificates/admin/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_revoke"] = (
            request is not None
            and not instance.is_revoked
            and request.user.has_perm(REVOKE_PERMISSION)
        )
        return context


class CertificateReportView(FormulaSafeExportMixin, ReportView):
    page_title = "Certificates"
    header_icon = "doc-full"
    index_url_name = "certificate_report"
    index_results_url_name = "certificate_report_results"
    filterset_class = CertificateFilterSet
    is_searchable = True
    default_ordering = "-issued_at"
    paginate_by = 50
    columns = [
        Column("printed_name", label="Name", sort_key="printed_name"),
        Column("learner_email", label="Email"),
        Column("module_title", label="Module", sort_key="module_title"),
        Column("audience", label="Audience", accessor="audience.name"),
        DateColumn("issued_at", label="Issued", sort_key="issued_at"),
        Column("expires_on", label="Valid until", sort_key="expires_on"),
        Column("status_label", label="Status"),
        Column("display_code", label="Code"),
        CertificateActionsColumn("actions", label="Actions"),
    ]
    list_export = [
        "display_code",
        "printed_name",
        "learner_email",
        "module_title",
        "audience.name",
        "issued_on",
        "expires_on",
        "status_label",
        "score",
        "ce_hours",
        "revoked_at",
        "revoked_by_name",
        "revocation_reason",
    ]
    export_headings = {
        "display_code": "Code",
        "printed_name": "Printed name",
        "learner_email": "Email",
        "module_title": "Module",
        "audience.name": "Audience",
        "issued_on": "Issued",
        "expires_on": "Valid until",
        "status_label": "Status",
        "score": "Score (%)",
        "ce_hours": "CE hours",
        "revoked_at": "Revoked at",
        "revoked_by_name": "Revoked by",
        "revocation_reason": "Reason for revoking",
    }

    def dispatch(self, request, *args, **kwargs):
        _require(request, VIEW_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "certificates"

    def get_base_queryset(self):
        related = ["user", "audience"] + (["revoked_by"] if self.is_export else [])
        return Certificate.objects.select_related(*related)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = (
            Q(printed_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(user__name__icontains=query)
        )
        code = code_normalise(query)
        if CODE_FRAGMENT_RE.match(code):
            condition |= Q(code__startswith=code)
        return queryset.filter(condition)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop(self.page_kwarg, None)
        buttons.append(
            Button(
                "Download PDFs (ZIP)",
                url=f"{reverse('certificate_report_zip')}?{query.urlencode()}",
                icon_name="download",
                priority=110,
            )
        )
        return buttons


class CertificateZipView(CertificateReportView):
    """Every certificate the report's filters and search select, as PDFs in a ZIP."""

    def get(self, request, *args, **kwargs):
        certificates = list(self.get_filtered_queryset())
        limit = getattr(settings, "CERTIFICATE_ZIP_MAX", ZIP_MAX)
        back = f"{reverse('certificate_report')}?{request.GET.urlencode()}"
        if not certificates:
            messages.error(request, "No certificates match these filters.")
            return redirect(back)
        if len(certificates) > limit:
            messages.error(
                request,
                f"{len(certificates)} certificates match. A ZIP holds at most {limit}: "
                "narrow the filters (for example by module or dates) and try again.",
            )
            return redirect(back)
        site = Site.find_for_request(request)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for certificate in certificates:
                document = document_for_certificate(certificate, site=site)
                name = slugify(certificate.printed_name)[:40] or "certificate"
                archive.writestr(
                    f"{name}-{certificate.code[:8]}.pdf",
                    render_certificate_pdf(document, site=site),
                )
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="certificates.zip"'
        return response


def certificate_pdf_view(request, pk: int):
    _require(request, VIEW_PERMISSION)
    certificate = get_object_or_404(Certificate, pk=pk)
    site = Site.find_for_request(request)
    document = document_for_certificate(certificate, site=site)
    response = HttpResponse(
        render_certificate_pdf(document, site=site), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Recorded with your name and the time, and shown in the site "
        "history. The verify page says only that the certificate is not valid.",
    )


class CertificateRevokeView(WagtailAdminTemplateMixin, FormView):
    template_name = "training/certificates/admin/revoke.html"
    form_class = RevokeForm
    page_title = "Revoke certificate"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        _require(request, REVOKE_PERMISSION)
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("user"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("certificate_report"), "label": "Certificates"},
            {"url": "", "label": "Revoke"},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            certificate_revoke(
                certificate=self.certificate,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Certificate {self.certificate} revoked.")
        return redirect("certificate_report")


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
            certificate_pdf_view,
            name="certificate_admin_pdf",
        ),
        path(
            "reports/certificates/<id:pk>/revoke/",
            CertificateRevokeView.as_view(),
            name="certificate_revoke",
        ),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


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
