"""Routes: dashboard."""

from django.http import Http404
from django.urls import path

from organisations.permissions import manager_required


# PLACEHOLDER (members/invitations engineer): "My organisations" links managers
# to organisations:dashboard. Replace this with the real dashboard view.
@manager_required
def _dashboard_placeholder(request, organisation):
    raise Http404


urlpatterns: list = [
    path("<id:organisation_id>/", _dashboard_placeholder, name="dashboard"),
]
