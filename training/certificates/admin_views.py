"""Trainers' certificate tools in the admin: report, export, ZIP, PDF, revoke."""

import re

import django_filters
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy

from audiences.models import Audience
from config.fields import DatabaseIdChoiceFilter
from config.spreadsheets import FormulaSafeExportMixin
from training.certificates.codes import CertificateError, code_normalise
from training.certificates.forms import RevokeForm
from training.certificates.pdf import pdf_response
from training.certificates.services import certificate_revoke
from training.certificates.stored import certificate_pdf
from training.certificates.zip_export import certificate_zip_start
from training.models import Certificate, CertificateStatus, TrainingModulePage

# "view" and "revoke" map to training.view_certificate / training.revoke_certificate.
certificate_permissions = ModelPermissionPolicy(Certificate)
CODE_FRAGMENT_RE = re.compile(r"^[A-Z2-7]{4,32}$")


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
            and certificate_permissions.user_has_permission(request.user, "revoke")
        )
        return context


class CertificateReportView(FormulaSafeExportMixin, ReportView):
    permission_policy = certificate_permissions
    permission_required = "view"
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
    """Every certificate the report's filters and search select, as PDFs in a ZIP.

    GET asks to confirm (a link must not start work); POST records the
    selection and queues the job, whatever its size, then shows its page.
    """

    template_name = "training/certificates/admin/zip_confirm.html"

    def get(self, request, *args, **kwargs):
        count = self.get_filtered_queryset().count()
        if not count:
            return self._nothing_selected()
        return render(
            request,
            self.template_name,
            {
                "count": count,
                "back_url": self._report_url(),
                "action": request.get_full_path(),
                "page_title": "Download PDFs (ZIP)",
                "header_title": "Download PDFs (ZIP)",
                "header_icon": "download",
                "breadcrumbs_items": [
                    {"url": reverse("wagtailadmin_home"), "label": "Home"},
                    {"url": self._report_url(), "label": "Certificates"},
                    {"url": "", "label": "Download PDFs (ZIP)"},
                ],
            },
        )

    def post(self, request, *args, **kwargs):
        certificate_ids = list(
            self.get_filtered_queryset().values_list("pk", flat=True)
        )
        if not certificate_ids:
            return self._nothing_selected()
        job = certificate_zip_start(
            certificate_ids=certificate_ids,
            site=Site.find_for_request(request),
            by=request.user,
        )
        return redirect("job_detail", pk=job.pk)

    def _report_url(self) -> str:
        return f"{reverse('certificate_report')}?{self.request.GET.urlencode()}"

    def _nothing_selected(self):
        messages.error(self.request, "No certificates match these filters.")
        return redirect(self._report_url())


class CertificatePdfView(PermissionCheckedMixin, View):
    """One learner's certificate as its PDF, for a trainer."""

    permission_policy = certificate_permissions
    permission_required = "view"

    def get(self, request, pk: int):
        certificate = get_object_or_404(Certificate, pk=pk)
        pdf = certificate_pdf(certificate, site=Site.find_for_request(request))
        return pdf_response(pdf.content, filename=pdf.filename)


class CertificateRevokeView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    template_name = "training/certificates/admin/revoke.html"
    form_class = RevokeForm
    page_title = "Revoke certificate"
    header_icon = "warning"
    permission_policy = certificate_permissions
    permission_required = "revoke"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("user"), pk=kwargs["pk"]
        )

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


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return certificate_permissions.user_has_permission(request.user, "view")
