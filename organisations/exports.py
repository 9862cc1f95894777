"""The member table as CSV or XLSX. Every cell goes through neutralise_formula:
a name is what a person typed, and a spreadsheet must not run it."""

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext

from config.spreadsheets import XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from organisations.selectors.assignments import MemberAssignment
from training.responses import private_response


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
        row.user.name,
        row.user.email,
        membership.group.name if membership.group_id else "",
        row.assignment.module.title,
        _day(row.due_on),
        row.status_label,
        _day(completed),
        row.certificate_code,
        _day(row.certificate_expires_on),
    ]


def export_table(rows) -> list[list[str]]:
    """Headings and rows; config.spreadsheets makes every cell formula-safe."""
    return [export_headings()] + [export_row(row) for row in rows]


def export_filename(organisation, extension: str, today) -> str:
    from django.utils.text import slugify

    name = slugify(organisation.name) or "organisation"
    return f"{name}-training-{date_format(today, 'Y-m-d')}.{extension}"


def export_response(rows, *, organisation, kind: str, today) -> HttpResponse:
    if kind == "xlsx":
        content = xlsx_bytes(export_table(rows), sheet_title=gettext("Members"))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    else:
        content = csv_bytes(export_table(rows))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = export_filename(organisation, kind, today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private_response(response)
