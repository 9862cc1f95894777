"""The manager's dashboard: per assignment counts, and the member table filtered.

Everything is computed from one bulk read (selectors/assignments.py), so the
page costs the same few queries for 5 members or 500.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from organisations.models import (
    ArchiveStatus,
    Assignment,
    CertificateArchive,
    MemberGroup,
)
from organisations.selectors.assignments import (
    STATUS_LABELS,
    STATUSES,
    MemberAssignment,
    organisation_assignments,
    organisation_member_assignments,
)

BAR_WIDTH = 300  # the SVG bar's width in its own units


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float


@dataclass
class AssignmentSummary:
    assignment: Assignment
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def segments(self) -> list[Segment]:
        """The stacked bar, left to right: done, in progress, not started, overdue."""
        segments, x = [], 0.0
        for status in STATUSES:
            count = self.counts[status]
            width = BAR_WIDTH * count / self.total if self.total else 0
            segments.append(
                Segment(
                    status=status,
                    label=str(STATUS_LABELS[status]),
                    count=count,
                    x=round(x, 2),
                    width=round(width, 2),
                )
            )
            x += width
        return segments


@dataclass
class Dashboard:
    assignments: list[Assignment]
    summaries: list[AssignmentSummary]
    rows: list[MemberAssignment]  # after the filters
    groups: list[MemberGroup]
    member_count: int


def filter_rows(
    rows, *, status=None, group=None, assignment=None, q=None
) -> list[MemberAssignment]:
    """Rows matching every filter given; `q` finds a name or email (any case)."""
    needle = (q or "").strip().casefold()
    found = []
    for row in rows:
        if status and row.status != status:
            continue
        if group and row.membership.group_id != group:
            continue
        if assignment and row.assignment.pk != assignment:
            continue
        if needle and not (
            needle in (row.user.name or "").casefold()
            or needle in row.user.email.casefold()
        ):
            continue
        found.append(row)
    return found


@dataclass(frozen=True)
class ArchiveInfo:
    """The latest certificate ZIP of an assignment, as the dashboard lists it."""

    pk: int
    status: str
    finished_at: object = None

    @property
    def busy(self) -> bool:
        return self.status in {ArchiveStatus.QUEUED, ArchiveStatus.RUNNING}


def _with_latest_archive(assignments):
    """Each assignment's latest ZIP, read in the same query (subqueries)."""
    latest = CertificateArchive.objects.filter(assignment=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return assignments.annotate(
        archive_pk=Subquery(latest.values("pk")[:1]),
        archive_status=Subquery(latest.values("status")[:1]),
        archive_finished_at=Subquery(latest.values("finished_at")[:1]),
    )


def latest_archive_of(assignment) -> ArchiveInfo | None:
    if getattr(assignment, "archive_pk", None) is None:
        return None
    return ArchiveInfo(
        pk=assignment.archive_pk,
        status=assignment.archive_status,
        finished_at=assignment.archive_finished_at,
    )


def dashboard_read(*, organisation, filters: dict, today=None) -> Dashboard:
    assignments = list(
        _with_latest_archive(organisation_assignments(organisation=organisation))
    )
    rows = organisation_member_assignments(
        organisation=organisation, assignments=assignments, today=today
    )
    summaries = {a.pk: AssignmentSummary(assignment=a) for a in assignments}
    for row in rows:
        summaries[row.assignment.pk].counts[row.status] += 1
    return Dashboard(
        assignments=assignments,
        summaries=list(summaries.values()),
        rows=filter_rows(rows, **filters),
        groups=list(MemberGroup.objects.filter(organisation=organisation)),
        member_count=len({row.membership.pk for row in rows}),
    )


def latest_archives(*, organisation) -> dict[int, CertificateArchive]:
    """{assignment pk: its latest certificate ZIP}, without the ZIP's bytes."""
    latest = {}
    archives = (
        CertificateArchive.objects.filter(assignment__organisation=organisation)
        .defer("content")
        .order_by("created_at", "pk")
    )
    for archive in archives:
        latest[archive.assignment_id] = archive
    return latest


def archive_is_busy(archive: CertificateArchive | None) -> bool:
    return archive is not None and archive.status in {
        ArchiveStatus.QUEUED,
        ArchiveStatus.RUNNING,
    }
