"""Registers the background jobs report and a job's page with the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks

from jobs.admin_views import (
    JobDetailView,
    JobDownloadView,
    JobReportView,
    JobsMenuItem,
)


@hooks.register("register_admin_urls")
def register_job_admin_urls():
    return [
        path("reports/jobs/", JobReportView.as_view(), name="job_report"),
        path(
            "reports/jobs/results/",
            JobReportView.as_view(results_only=True),
            name="job_report_results",
        ),
        path("reports/jobs/<int:pk>/", JobDetailView.as_view(), name="job_detail"),
        path(
            "reports/jobs/<int:pk>/download/",
            JobDownloadView.as_view(),
            name="job_download",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(
        "Background jobs",
        reverse("job_report"),
        name="jobs",
        icon_name="cogs",
        order=900,
    )
