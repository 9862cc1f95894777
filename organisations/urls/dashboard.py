"""Routes: dashboard."""

urlpatterns: list = []
