"""Where each member stands on each assignment: done, in progress, not started,
overdue. Read in bulk: a few queries for every member of an organisation.

Completion is training's rule (training.selectors.ModuleProgress); a module that
issues certificates is done only with a valid certificate, and a certificate
already held counts. With `renew_every_months`, a completion older than that
is due again at completion + N months.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Assignment, Membership
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.certificates.codes import add_months
from training.models import (
    Certificate,
    CertificateStatus,
    LessonCompletion,
    LessonPage,
    TrainingModulePage,
)
from training.selectors import ModuleProgress

DONE = "done"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
OVERDUE = "overdue"
STATUS_LABELS = {
    DONE: _("Done"),
    IN_PROGRESS: _("In progress"),
    NOT_STARTED: _("Not started"),
    OVERDUE: _("Overdue"),
}
STATUSES = tuple(STATUS_LABELS)


@dataclass(frozen=True)
class MemberAssignment:
    """One member's standing on one assignment."""

    assignment: Assignment
    membership: Membership
    status: str
    due_on: date  # this cycle's due date (a renewal moves it)
    completed_at: datetime | None = None  # the latest completion, if any
    certificate: Certificate | None = None  # the latest unrevoked one

    @property
    def user(self):
        return self.membership.user

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def certificate_code(self) -> str:
        return self.certificate.display_code if self.certificate else ""

    @property
    def certificate_expires_on(self) -> date | None:
        return self.certificate.expires_on if self.certificate else None


@dataclass(frozen=True)
class Records:
    """What one learner did in one module, as read in bulk."""

    progress: ModuleProgress
    last_lesson_at: datetime | None = None  # the latest lesson finished
    certificate: Certificate | None = None  # the latest issued (any status)


def assignment_applies(assignment: Assignment, membership: Membership) -> bool:
    """An assignment is for every member, or for the members of its group."""
    return assignment.group_id is None or assignment.group_id == membership.group_id


def completion_time(*, module, records: Records) -> datetime | None:
    """When the module was last completed by training's rule (None: it is not)."""
    progress = records.progress
    if not progress.complete:
        return None
    return progress.passed_at if progress.has_quiz else records.last_lesson_at


def assess(
    *, assignment: Assignment, module, records: Records, today: date
) -> tuple[str, date, datetime | None]:
    """(status, due date of this cycle, latest completion): pure, no queries."""
    completed_at = completion_time(module=module, records=records)
    certificate = records.certificate
    if module.issues_certificate:
        valid = (
            certificate is not None
            and certificate.status_on(today) == CertificateStatus.VALID
        )
        if valid:
            # A certificate already held counts; a later pass renews the cycle.
            completed_at = max(filter(None, [certificate.issued_at, completed_at]))
        done = valid
    else:
        done = completed_at is not None
    due_on = assignment.due_on
    started = records.progress.started or records.progress.quiz_passed
    if done and assignment.renew_every_months:
        renew_on = add_months(
            timezone.localdate(completed_at), assignment.renew_every_months
        )
        if renew_on <= today:
            done = False
            due_on = max(due_on, renew_on)
            # Due again: only lessons finished since the last completion count.
            last = records.last_lesson_at
            started = last is not None and last > completed_at
    if done:
        return DONE, due_on, completed_at
    if today > due_on:
        return OVERDUE, due_on, completed_at
    return (IN_PROGRESS if started else NOT_STARTED), due_on, completed_at


# ---------- Bulk reads ----------


def _live_lessons(modules) -> dict[int, tuple[int, ...]]:
    """{module pk: live lesson pks in order}, one query for all modules."""
    if not modules:
        return {}
    under_any = Q()
    for module in modules:
        under_any |= Q(path__startswith=module.path, depth=module.depth + 1)
    by_path = {module.path: module.pk for module in modules}
    lessons = defaultdict(list)
    rows = (
        LessonPage.objects.live()
        .filter(under_any)
        .order_by("path")
        .values_list("path", "pk")
    )
    for path, pk in rows:
        lessons[by_path[path[: -LessonPage.steplen]]].append(pk)
    return {pk: tuple(found) for pk, found in lessons.items()}


def learner_records(*, user_ids, modules) -> tuple[dict, dict]:
    """({(user id, module pk): Records}, {module pk: live lesson pks}) for many
    learners and modules, in four queries. `user_ids`: a list or a subquery.

    Learner records hold the English module and lesson (training/canonical.py);
    assignments hold the English module too. Quiz answers are never read.
    """
    modules = list(modules)
    module_ids = [module.pk for module in modules]
    lessons = _live_lessons(modules)
    finished = defaultdict(dict)
    for user_id, module_id, lesson_id, finished_at in LessonCompletion.objects.filter(
        user_id__in=user_ids, module_id__in=module_ids
    ).values_list("user_id", "module_id", "lesson_id", "finished_at"):
        finished[(user_id, module_id)][lesson_id] = finished_at
    passes = {
        (row["user_id"], row["module_id"]): row["last"]
        for row in Attempt.objects.filter(
            user_id__in=user_ids,
            module_id__in=[module.pk for module in modules if module.quiz_id],
            purpose=AttemptPurpose.FINAL,
            passed=True,
            submitted_at__isnull=False,
            quiz_id=F("module__quiz_id"),
        )
        .values("user_id", "module_id")
        .annotate(last=Max("submitted_at"))
    }
    certificates = {}
    for certificate in Certificate.objects.filter(
        user_id__in=user_ids, module_id__in=module_ids
    ).order_by("period"):
        certificates[(certificate.user_id, certificate.module_id)] = certificate
    keys = set(finished) | set(passes) | set(certificates)
    by_pk = {module.pk: module for module in modules}
    records = {}
    for key in keys:
        module = by_pk[key[1]]
        live = lessons.get(module.pk, ())
        done_at = {pk: at for pk, at in finished[key].items() if pk in live}
        records[key] = Records(
            progress=ModuleProgress(
                lesson_ids=live,
                finished_lesson_ids=frozenset(done_at),
                has_quiz=bool(module.quiz_id),
                passed_at=passes.get(key),
            ),
            last_lesson_at=max(done_at.values()) if done_at else None,
            certificate=certificates.get(key),
        )
    return records, lessons


def member_assignments(
    *, assignments, memberships, user_ids, today: date | None = None
) -> list[MemberAssignment]:
    """Every (member, assignment) that applies, assessed; memberships with their
    user read. Four queries, however many members."""
    today = today or timezone.localdate()
    assignments = list(assignments)
    modules = list({a.module_id: a.module for a in assignments}.values())
    records, lessons = learner_records(user_ids=user_ids, modules=modules)
    rows = []
    for membership in memberships:
        for assignment in assignments:
            if assignment.organisation_id != membership.organisation_id:
                continue
            if not assignment_applies(assignment, membership):
                continue
            module = assignment.module
            found = records.get((membership.user_id, module.pk)) or Records(
                progress=ModuleProgress(lesson_ids=lessons.get(module.pk, ()))
            )
            status, due_on, completed_at = assess(
                assignment=assignment, module=module, records=found, today=today
            )
            certificate = found.certificate
            if certificate is not None and certificate.is_revoked:
                certificate = None
            rows.append(
                MemberAssignment(
                    assignment=assignment,
                    membership=membership,
                    status=status,
                    due_on=due_on,
                    completed_at=completed_at,
                    certificate=certificate if module.issues_certificate else None,
                )
            )
    return rows


def organisation_assignments(*, organisation):
    return (
        Assignment.objects.filter(organisation=organisation)
        .select_related("module", "group", "assigned_by")
        .order_by("due_on", "pk")
    )


def organisation_memberships(*, organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "group")
        .order_by("user__name", "user__email", "pk")
    )


def organisation_member_assignments(
    *, organisation, assignments=None, today: date | None = None
) -> list[MemberAssignment]:
    """Every current member's standing on the organisation's assignments."""
    if assignments is None:
        assignments = organisation_assignments(organisation=organisation)
    return member_assignments(
        assignments=assignments,
        memberships=organisation_memberships(organisation=organisation),
        user_ids=Membership.objects.filter(organisation=organisation).values("user_id"),
        today=today,
    )


def user_assignments(*, user, today: date | None = None) -> list[MemberAssignment]:
    """The user's own assignments in every organisation they belong to."""
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation", "user")
    )
    if not memberships:
        return []
    assignments = (
        Assignment.objects.filter(
            organisation_id__in=[m.organisation_id for m in memberships]
        )
        .select_related("module", "organisation", "assigned_by", "group")
        .order_by("due_on", "pk")
    )
    return member_assignments(
        assignments=assignments,
        memberships=memberships,
        user_ids=[user.pk],
        today=today,
    )


def assigned_module_ids(*, organisation) -> set[int]:
    return set(
        Assignment.objects.filter(organisation=organisation).values_list(
            "module_id", flat=True
        )
    )


def assignable_modules():
    """English modules a manager may assign: live ones, in tree order, except
    youth modules (youth are never members; classes use class codes)."""
    from audiences.models import AudiencePage
    from training.canonical import english_locale_id

    modules = TrainingModulePage.objects.live().filter(locale_id=english_locale_id())
    for path in AudiencePage.objects.filter(audience__for_minors=True).values_list(
        "path", flat=True
    ):
        modules = modules.exclude(path__startswith=path)
    return modules.order_by("path")
