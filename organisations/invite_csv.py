"""Pure parsing of invitation lists: pasted addresses or an uploaded CSV.

No database and no request: text in, rows and per-line problems out. The
view checks group names against the organisation's groups afterwards
(`check_groups`), still without sending anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_ADDRESSES = 1000
# 1,000 rows of "address,group" fit in well under 256 KB; refuse more before
# decoding or parsing anything (a trainer-side DoS otherwise).
MAX_BYTES = 256 * 1024
# Pasted lists come from address books: commas, semicolons, spaces or new lines.
SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class InviteRow:
    email: str  # lower-cased: duplicates are merged case-insensitively
    group: str  # as written; "" for none
    line: int


@dataclass(frozen=True)
class RowProblem:
    line: int
    value: str
    message: str


@dataclass(frozen=True)
class ParsedInvites:
    rows: tuple[InviteRow, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    duplicates: int = 0  # rows merged into an earlier row with the same address
    refused: str = ""  # the whole list was refused (too big, not a CSV, ...)

    @property
    def ok(self) -> bool:
        return not self.refused and not self.problems and bool(self.rows)


def parse_pasted(text: str) -> ParsedInvites:
    """Addresses typed or pasted into a text box, any separator, one group for all."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return _too_large()
    entries = [
        (number, value, "")
        for number, line in enumerate(text.splitlines(), start=1)
        for value in SEPARATORS.split(line)
        if value
    ]
    return _collect(entries)


def parse_csv(data: bytes) -> ParsedInvites:
    """A spreadsheet saved as CSV: a column "email" and an optional "group"."""
    if len(data) > MAX_BYTES:
        return _too_large()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedInvites(
            refused=_("Save the spreadsheet as “CSV UTF-8” and upload it again.")
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        columns = _columns(header)
        if columns is None:
            return ParsedInvites(
                refused=_(
                    "The first row must name the columns, with one called “email” "
                    "(and, if you like, one called “group”)."
                )
            )
        email_at, group_at = columns
        entries = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            email = _cell(row, email_at)
            group = _cell(row, group_at)
            # reader.line_num is the file's line, so it matches the spreadsheet's row.
            entries.append((reader.line_num, email.strip(), group.strip()))
    except csv.Error:
        return ParsedInvites(
            refused=_("This file is not a CSV we can read (line %(line)s).")
            % {"line": reader.line_num}
        )
    return _collect(entries)


def check_groups(
    parsed: ParsedInvites, *, known: Mapping[str, object]
) -> ParsedInvites:
    """Rows naming a group the organisation does not have become problems.

    `known` is keyed by the organisation's group names, case-folded.
    """
    rows, problems = [], list(parsed.problems)
    for row in parsed.rows:
        if row.group and row.group.casefold() not in known:
            problems.append(
                RowProblem(
                    line=row.line,
                    value=row.group,
                    message=_("There is no group called “%(group)s”.")
                    % {"group": row.group},
                )
            )
        else:
            rows.append(row)
    problems.sort(key=lambda problem: problem.line)
    return replace(parsed, rows=tuple(rows), problems=tuple(problems))


def as_lines(rows: Iterable[InviteRow]) -> str:
    """The rows as a CSV the confirm step parses again (so nothing is trusted
    from the preview but what it shows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["email", "group"])
    for row in rows:
        writer.writerow([row.email, row.group])
    return buffer.getvalue()


def _columns(header: list[str] | None) -> tuple[int, int | None] | None:
    if not header:
        return None
    names = [name.strip().casefold() for name in header]
    if "email" not in names:
        return None
    return names.index("email"), names.index("group") if "group" in names else None


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _collect(entries: list[tuple[int, str, str]]) -> ParsedInvites:
    if len(entries) > MAX_ADDRESSES:
        return ParsedInvites(
            refused=ngettext(
                "This list has %(count)s address; at most %(max)s can be invited "
                "at once. Split it into smaller lists.",
                "This list has %(count)s addresses; at most %(max)s can be invited "
                "at once. Split it into smaller lists.",
                len(entries),
            )
            % {"count": f"{len(entries):,}", "max": f"{MAX_ADDRESSES:,}"}
        )
    rows: dict[str, InviteRow] = {}
    problems, duplicates = [], 0
    for line, value, group in entries:
        problem = _email_problem(value)
        if problem:
            problems.append(RowProblem(line=line, value=value, message=problem))
            continue
        email = value.lower()
        if email in rows:
            duplicates += 1
            continue
        rows[email] = InviteRow(email=email, group=group, line=line)
    if not rows and not problems:
        return ParsedInvites(refused=_("There are no email addresses in this list."))
    return ParsedInvites(
        rows=tuple(rows.values()), problems=tuple(problems), duplicates=duplicates
    )


def _email_problem(value: str) -> str:
    if not value:
        return _("The email address is missing.")
    try:
        validate_email(value)
    except ValidationError:
        return _("This is not an email address.")
    return ""


def _too_large() -> ParsedInvites:
    return ParsedInvites(
        refused=_(
            "This list is too large (more than %(kb)s KB). At most %(max)s "
            "addresses can be invited at once."
        )
        % {"kb": MAX_BYTES // 1024, "max": f"{MAX_ADDRESSES:,}"}
    )
