"""Routes: a manager's dashboard (under /organisations/, namespace "organisations")."""

from django.urls import path

from organisations.views import dashboard

urlpatterns = [
    path("<id:organisation_id>/", dashboard.dashboard, name="dashboard"),
    path("<id:organisation_id>/assign/", dashboard.assign, name="dashboard_assign"),
    path(
        "<id:organisation_id>/export.<str:kind>",
        dashboard.export,
        name="dashboard_export",
    ),
    path(
        "<id:organisation_id>/assignments/<id:assignment_id>/remind/",
        dashboard.remind,
        name="dashboard_remind",
    ),
    path(
        "<id:organisation_id>/assignments/<id:assignment_id>/certificates/",
        dashboard.archive_start,
        name="dashboard_archive_start",
    ),
    path(
        "<id:organisation_id>/certificate-zips/<id:archive_id>/",
        dashboard.archive,
        name="dashboard_archive",
    ),
    path(
        "<id:organisation_id>/certificate-zips/<id:archive_id>/download/",
        dashboard.archive_download,
        name="dashboard_archive_download",
    ),
    path(
        "<id:organisation_id>/certificates/<str:code>/",
        dashboard.certificate,
        name="dashboard_certificate",
    ),
]
