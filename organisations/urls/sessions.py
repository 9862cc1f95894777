"""Routes: sessions."""

urlpatterns: list = []
