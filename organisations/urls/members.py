"""Routes: members."""

urlpatterns: list = []
