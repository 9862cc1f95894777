"""Background jobs in the admin: the recent ones, one job's progress, its file."""

import os

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView

from jobs.access import can_view_jobs, job_permissions
from jobs.models import Job
from training.responses import private_response

REFRESH_SECONDS = 3


class StartedByColumn(Column):
    def get_value(self, instance):
        user = instance.started_by
        return (user.get_full_name() or user.email) if user else "—"


class JobReportView(ReportView):
    permission_policy = job_permissions
    permission_required = "view"
    page_title = "Background jobs"
    header_icon = "cogs"
    index_url_name = "job_report"
    index_results_url_name = "job_report_results"
    paginate_by = 50  # newest first (Job.Meta.ordering)
    columns = [
        TitleColumn("label", label="Job", url_name="job_detail"),
        StartedByColumn("started_by", label="Started by"),
        Column("status_label", label="Status"),
        Column("attempts_label", label="Attempts"),
        Column("progress_label", label="Progress"),
        Column("error", label="Last error"),
        DateColumn("created_at", label="Started"),
        DateColumn("finished_at", label="Finished"),
    ]

    def get_base_queryset(self):
        return Job.objects.select_related("started_by").defer("params")


class JobDetailView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Progress without JavaScript (the admin's CSP allows no inline script):
    the page refreshes itself until the job is finished."""

    template_name = "jobs/job_detail.html"
    permission_policy = job_permissions
    permission_required = "view"
    header_icon = "cogs"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job = get_object_or_404(
            Job.objects.select_related("started_by").defer("params"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return self.job.label

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("job_report"), "label": "Background jobs"},
            {"url": "", "label": self.job.label},
        ]

    def get_context_data(self, **kwargs):
        job = self.job
        percent = int(100 * job.done / job.total) if job.total else None
        return super().get_context_data(
            job=job,
            percent=percent,
            refresh_seconds=None if job.is_finished else REFRESH_SECONDS,
            can_download=job.can_download(self.request.user),
            **kwargs,
        )


class JobDownloadView(PermissionCheckedMixin, View):
    permission_policy = job_permissions
    permission_required = "view"

    def get(self, request, pk: int):
        job = get_object_or_404(Job.objects.defer("params"), pk=pk)
        if not job.result_file:
            raise Http404
        if not job.can_download(request.user):
            raise PermissionDenied
        response = FileResponse(
            job.result_file.open("rb"),
            as_attachment=True,
            filename=os.path.basename(job.result_file.name),
        )
        return private_response(response)


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_jobs(request.user)
