"""The member table as CSV or XLSX. Every cell goes through neutralise_formula:
a name is what a person typed, and a spreadsheet must not run it."""

import csv
import io

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext

from config.spreadsheets import neutralise_formula
from organisations.selectors.assignments import MemberAssignment
from training.responses import private_response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_headings() -> list[str]:
    return [
        gettext("Name"),
        gettext("Email"),
        gettext("Group"),
        gettext("Module"),
        gettext("Due"),
        gettext("Status"),
        gettext("Completed"),
        gettext("Certificate"),
        gettext("Certificate expires"),
    ]


def _day(value) -> str:
    return value.isoformat() if value else ""


def export_row(row: MemberAssignment) -> list[str]:
    """One member and assignment; never quiz answers or other training."""
    membership = row.membership
    completed = row.completed_at.date() if row.completed_at else None
    return [
        neutralise_formula(cell)
        for cell in (
            row.user.name,
            row.user.email,
            membership.group.name if membership.group_id else "",
            row.assignment.module.title,
            _day(row.due_on),
            row.status_label,
            _day(completed),
            row.certificate_code,
            _day(row.certificate_expires_on),
        )
    ]


def export_table(rows) -> list[list[str]]:
    headings = [neutralise_formula(heading) for heading in export_headings()]
    return [headings] + [export_row(row) for row in rows]


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(export_table(rows))
    # A byte-order mark: Excel then reads the names' accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=gettext("Members")[:31])
    for values in export_table(rows):
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(organisation, extension: str, today) -> str:
    from django.utils.text import slugify

    name = slugify(organisation.name) or "organisation"
    return f"{name}-training-{date_format(today, 'Y-m-d')}.{extension}"


def export_response(rows, *, organisation, kind: str, today) -> HttpResponse:
    if kind == "xlsx":
        response = HttpResponse(xlsx_bytes(rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    filename = export_filename(organisation, kind, today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private_response(response)
