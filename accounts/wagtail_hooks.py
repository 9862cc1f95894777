"""The audit log trainers see: revocations, quiz edits and role changes (who, when)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from accounts.audit import ROLE_CHANGE_ACTION
from config.spreadsheets import FormulaSafeExportMixin
from quizzes.models import Quiz
from training.certificates.services import REVOKE_ACTION


@hooks.register("register_log_actions")
def register_role_change_action(actions):
    @actions.register_action(ROLE_CHANGE_ACTION)
    class RoleChange(LogFormatter):
        label = "Change roles"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            parts = [
                f"{change} {', '.join(names)}" for change, names in sorted(data.items())
            ]
            return "Roles " + "; ".join(parts) if parts else "Roles changed"


def audited_entries():
    quiz_type = ContentType.objects.get_for_model(Quiz)
    return ModelLogEntry.objects.filter(
        Q(action__in=[ROLE_CHANGE_ACTION, REVOKE_ACTION]) | Q(content_type=quiz_type)
    ).select_related("user", "content_type")


class AuditLogView(FormulaSafeExportMixin, ReportView):
    page_title = "Audit log"
    header_icon = "history"
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    default_ordering = "-timestamp"
    paginate_by = 50
    columns = [
        DateColumn("timestamp", label="When"),
        Column("user_display_name", label="Who"),
        Column("message", label="What"),
        Column("object_verbose_name", label="Kind"),
        Column("label", label="Item"),
    ]
    list_export = ["timestamp", "user_display_name", "message", "label"]

    def get_base_queryset(self):
        return audited_entries()


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
