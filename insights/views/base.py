"""The frame every insights report shares: permission, filters, table, export."""

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from config.spreadsheets import XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from insights.access import insights_permission
from insights.tables import Table
from training.responses import private_response

EXPORT_FORMATS = ("csv", "xlsx")


class InsightsReportView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """A report: filters from the query string, one table, CSV and XLSX of it.

    Bad filters show the form's errors and the unfiltered figures are not
    guessed at: the table is empty until the filters are valid.
    """

    permission_policy = insights_permission
    permission_required = "view"
    template_name = "insights/report.html"
    header_icon = "table"
    filter_form_class: type[forms.Form] | None = None
    export_name = "report"

    @cached_property
    def filters(self) -> forms.Form | None:
        if self.filter_form_class is None:
            return None
        return self.filter_form_class(self.request.GET or None)

    @cached_property
    def filter_values(self) -> dict:
        """The cleaned filters; the form's initial values when none were given."""
        form = self.filters
        if form is None:
            return {}
        if not form.is_bound:
            return {
                name: field.initial() if callable(field.initial) else field.initial
                for name, field in form.fields.items()
            }
        return form.cleaned_data if form.is_valid() else {}

    @property
    def filters_valid(self) -> bool:
        return (
            self.filters is None or not self.filters.is_bound or self.filters.is_valid()
        )

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_table(self) -> Table:
        raise NotImplementedError

    @cached_property
    def table(self) -> Table | None:
        return self.get_table() if self.filters_valid else None

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in EXPORT_FORMATS and self.table is not None:
            return self.export_response(export)
        return super().get(request, *args, **kwargs)

    def export_response(self, export: str) -> HttpResponse:
        rows = self.table.spreadsheet_rows()
        if export == "xlsx":
            content = xlsx_bytes(rows, sheet_title=self.table.title)
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        else:
            response = HttpResponse(
                csv_bytes(rows), content_type="text/csv; charset=utf-8"
            )
        filename = f"{self.export_name}-{timezone.localdate().isoformat()}.{export}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return private_response(response)

    def export_url(self, export: str) -> str:
        query = self.request.GET.copy()
        query["export"] = export
        return f"{self.request.path}?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filters=self.filters,
            table=self.table,
            csv_url=self.export_url("csv"),
            xlsx_url=self.export_url("xlsx"),
        )
        return context

    def render_to_response(self, context, **kwargs):
        # Figures about people: never kept by a browser or a proxy.
        return private_response(super().render_to_response(context, **kwargs))
