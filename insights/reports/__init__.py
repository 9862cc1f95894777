"""One module per report, each with `urlpatterns` (under the admin's insights/)
and `menu_items()` for the Reports menu; insights/wagtail_hooks.py collects them."""
