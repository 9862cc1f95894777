"""The audit log trainers see: revocations, quiz edits and role changes (who, when)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from accounts.audit import ROLE_CHANGE_ACTION
from config.spreadsheets import FormulaSafeExportMixin
from quizzes.models import Quiz
from training.certificates.services import REVOKE_ACTION


class RoleChangeFormatter(LogFormatter):
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
