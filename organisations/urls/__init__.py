"""The public site's organisation pages: each area's routes in its own module."""

from django.urls import include, path

app_name = "organisations"

urlpatterns = [
    path("organisations/", include("organisations.urls.members")),
    path("organisations/", include("organisations.urls.dashboard")),
    path("sessions/", include("organisations.urls.sessions")),
    path("class/", include("organisations.urls.classes")),
]
