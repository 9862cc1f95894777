"""Routes: live sessions, registering, and checking in at a session."""

from django.urls import path

from organisations.views import sessions

urlpatterns = [
    path("", sessions.sessions, name="sessions"),
    path("check-in/", sessions.check_in, name="checkin"),
    path("<id:session_id>/", sessions.session_detail, name="session_detail"),
    path(
        "<id:session_id>/register/",
        sessions.session_register_view,
        name="session_register",
    ),
]
