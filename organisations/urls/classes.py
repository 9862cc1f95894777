"""Routes: classes."""

urlpatterns: list = []
