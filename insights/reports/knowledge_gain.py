"""Placeholder: the knowledge-gain report comes next."""

urlpatterns = []


def menu_items():
    return []
