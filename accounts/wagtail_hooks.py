"""Registers the audit log with the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.admin_views import AuditLogView, RoleChangeFormatter
from accounts.audit import ROLE_CHANGE_ACTION


@hooks.register("register_log_actions")
def register_role_change_action(actions):
    actions.register_action(ROLE_CHANGE_ACTION)(RoleChangeFormatter)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    view = AuditLogView.as_view()
    results = AuditLogView.as_view(results_only=True)
    return [
        path("reports/audit-log/", view, name="audit_log"),
        path("reports/audit-log/results/", results, name="audit_log_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return MenuItem(
        "Audit log",
        reverse("audit_log"),
        icon_name="history",
        order=900,
    )
