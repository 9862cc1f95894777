"""Reach: who started and finished training, and the certificates it earned.

Every figure is one grouped query (COUNT DISTINCT, SUM) whatever the number of
learners; Python only merges the few grouped rows. Learner records belong to
the English module (training/canonical.py), so a module is counted once in
whatever language it was taken.

- A learner *started* a module when they first opened one of its lessons.
- A learner *completed* a module when they first passed its final quiz (the
  quiz opens only once every lesson is finished).
- Certificates exclude revoked ones; CE hours are the certificates' own.

Anonymous youth are anonymous sessions, counted once per module they took:
nothing more is known of them, and nothing more is shown. Once a session's
records are purged (30 days after its last step) it counts through the daily
counts insights/archive.py kept of it (AnonymousActivity).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Sum, Value, When
from django.utils import timezone

from audiences.models import AudiencePage
from insights.models import AnonymousActivity
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.deliveries import DeliveryFormat
from training.models import Certificate, LessonView, TrainingModulePage

NO_GROUP = "None"
# The key of a source's one row when a breakdown cannot split it.
UNSPLIT = "unsplit"


class Breakdown(models.TextChoices):
    AUDIENCE = "audience", "Audience"
    MODULE = "module", "Module"
    LANGUAGE = "language", "Language"
    ORGANISATION = "organisation", "Organisation"
    DELIVERY = "delivery", "Delivery format"


@dataclass
class ReachRow:
    label: str
    learners: int = 0
    anonymous_sessions: int = 0
    completions: int = 0
    anonymous_completions: int = 0
    certificates: int = 0
    ce_hours: Decimal = Decimal("0")


@dataclass
class Reach:
    breakdown: str
    rows: list[ReachRow] = field(default_factory=list)
    total: ReachRow = field(default_factory=lambda: ReachRow(label="All"))
    # Figures that a breakdown cannot split (a lesson opened has no language).
    unsplit: frozenset[str] = frozenset()


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """[start of `start`, start of the day after `end`) in the site's time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def a_row_of_the_same_learner(rows) -> Q:
    """True where `rows` (a queryset matching the rest) holds a row of the outer
    row's learner: the same account, or the same anonymous session.

    Two indexed lookups, one per kind of learner: a single `user = outer.user
    OR key = outer.key` subquery cannot use an index, and turned a year's
    reach into minutes.
    """
    return (
        Q(user__isnull=False) & Exists(rows.filter(user_id=OuterRef("user_id")))
    ) | (
        Q(user__isnull=True)
        & Exists(
            rows.filter(user__isnull=True, anonymous_key=OuterRef("anonymous_key"))
        )
    )


def in_range(field: str, since: datetime | None, until: datetime | None) -> Q:
    """[since, until), either end open when None."""
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": since})
    if until is not None:
        condition &= Q(**{f"{field}__lt": until})
    return condition


def module_starts(since: datetime | None, until: datetime | None):
    """Lesson views that are a learner's first in their module, in the range."""
    earlier = LessonView.objects.filter(
        module_id=OuterRef("module_id"),
        first_viewed_at__lt=OuterRef("first_viewed_at"),
    )
    return LessonView.objects.filter(in_range("first_viewed_at", since, until)).exclude(
        a_row_of_the_same_learner(earlier)
    )


def module_completions(since: datetime | None, until: datetime | None):
    """Passed final attempts that are a learner's first pass of the module."""
    earlier = Attempt.objects.filter(
        module_id=OuterRef("module_id"),
        purpose=AttemptPurpose.FINAL,
        passed=True,
        submitted_at__lt=OuterRef("submitted_at"),
    )
    return Attempt.objects.filter(
        in_range("submitted_at", since, until),
        purpose=AttemptPurpose.FINAL,
        passed=True,
        module__isnull=False,
    ).exclude(a_row_of_the_same_learner(earlier))


def certificates_issued(since: datetime, until: datetime):
    return Certificate.objects.filter(
        issued_at__gte=since, issued_at__lt=until, revoked_at__isnull=True
    )


def module_audiences() -> dict[int, str]:
    """{module id: its audience's name}: modules sit under an audience page."""
    audience_by_path = dict(AudiencePage.objects.values_list("path", "audience__name"))
    steplen = AudiencePage.steplen
    return {
        module_id: audience_by_path.get(path[:-steplen], NO_GROUP)
        for module_id, path in TrainingModulePage.objects.values_list("pk", "path")
    }


def audience_of(module_field: str, audiences: dict[int, str]) -> Case:
    """An SQL expression naming the audience of the row's module."""
    by_name = defaultdict(list)
    for module_id, name in audiences.items():
        by_name[name].append(module_id)
    return Case(
        *[
            When(**{f"{module_field}__in": ids}, then=Value(name))
            for name, ids in sorted(by_name.items())
        ],
        default=Value(NO_GROUP),
        output_field=models.CharField(),
    )


# Archived counts split as the records they count: by language, only the
# completions can be split (their starts, like live ones, are in the total).
ARCHIVED_AS = {"archived": "completions"}


def _group_expression(breakdown: str, *, source: str, audiences: dict[int, str]):
    """What a source's rows are grouped by, or None where it cannot be split."""
    module_field = "module_id"
    if source in ARCHIVED_AS:
        if breakdown == Breakdown.ORGANISATION:
            return Value("", output_field=models.CharField())
        source = ARCHIVED_AS[source]
    if breakdown == Breakdown.AUDIENCE:
        if source == "certificates":
            return models.F("audience__name")
        return audience_of(module_field, audiences)
    if breakdown == Breakdown.MODULE:
        return models.F("module__title")
    if breakdown == Breakdown.LANGUAGE:
        return None if source == "starts" else models.F("language")
    if breakdown == Breakdown.ORGANISATION:
        return models.F("user__memberships__organisation__name")
    if breakdown == Breakdown.DELIVERY:
        return models.F("delivery_format") if source == "certificates" else None
    raise ValueError(f"unknown breakdown {breakdown!r}")


def _grouped(queryset, group, **aggregates) -> dict:
    """{group label: {aggregate: value}}; one UNSPLIT row when not split."""
    if group is None:
        return {UNSPLIT: queryset.aggregate(**aggregates)}
    rows = queryset.annotate(group=group).values("group").annotate(**aggregates)
    return {row.pop("group"): row for row in rows}


def reach(*, start: date, end: date, breakdown: str = Breakdown.AUDIENCE) -> Reach:
    """Starts, completions, certificates and CE hours from `start` to `end`."""
    since, until = day_range(start, end)
    audiences = module_audiences()
    anonymous = Q(user__isnull=True)
    sources = {
        "starts": _grouped(
            module_starts(since, until),
            _group_expression(breakdown, source="starts", audiences=audiences),
            learners=Count("user", distinct=True),
            anonymous_sessions=Count("pk", filter=anonymous),
        ),
        "archived": _archived_grouped(
            start, end, breakdown=breakdown, audiences=audiences
        ),
        "completions": _grouped(
            module_completions(since, until),
            _group_expression(breakdown, source="completions", audiences=audiences),
            completions=Count("pk", filter=~anonymous, distinct=True),
            anonymous_completions=Count("pk", filter=anonymous, distinct=True),
        ),
        "certificates": _grouped(
            certificates_issued(since, until),
            _group_expression(breakdown, source="certificates", audiences=audiences),
            certificates=Count("pk", distinct=True),
            ce_hours=Sum("ce_hours"),
        ),
    }
    result = Reach(
        breakdown=breakdown,
        unsplit=frozenset(
            ARCHIVED_AS.get(name, name)
            for name, rows in sources.items()
            if UNSPLIT in rows
        ),
    )
    rows: dict[str, ReachRow] = {}
    for figures in sources.values():
        for key, values in figures.items():
            if key == UNSPLIT:
                continue
            # By label: a live row's "no organisation" and an archived one meet.
            label = _label(breakdown, key)
            _add(rows.setdefault(label, ReachRow(label=label)), values)
    result.rows = sorted(rows.values(), key=lambda row: row.label.casefold())
    # Where each record falls in one group, the groups add up to the total:
    # summed, not queried again (a year's completions cost 0.3 s a query).
    # Learners do not add up (one takes two modules; one is in two
    # organisations), nor does anything split by organisation.
    additive = ["archived"]
    if breakdown != Breakdown.ORGANISATION:
        additive += ["completions", "certificates"]
    result.total = _totals(
        since=since, until=until, queried=set(sources) - set(additive)
    )
    for name in additive:
        for values in sources[name].values():
            _add(result.total, values)
    if breakdown == Breakdown.LANGUAGE:
        _add(
            result.total,
            archived(start, end).aggregate(anonymous_sessions=Sum("starts")),
        )
    return result


def _label(breakdown: str, label) -> str:
    if label in (None, "", NO_GROUP):
        if breakdown == Breakdown.ORGANISATION:
            return "No organisation (includes anonymous sessions)"
        return "Not known"
    if breakdown == Breakdown.LANGUAGE:
        return dict(settings.LANGUAGES).get(label, label)
    if breakdown == Breakdown.DELIVERY:
        return dict(DeliveryFormat.choices).get(label, label)
    return str(label)


def _add(row: ReachRow, values: dict) -> None:
    for name, value in values.items():
        if value is not None:
            setattr(row, name, getattr(row, name) + value)


def archived(start: date, end: date):
    """Purged anonymous sessions' daily counts from `start` to `end`."""
    return AnonymousActivity.objects.filter(day__gte=start, day__lte=end)


def _archived_grouped(start, end, *, breakdown, audiences) -> dict:
    rows = archived(start, end)
    group = _group_expression(breakdown, source="archived", audiences=audiences)
    if breakdown == Breakdown.LANGUAGE:
        return _grouped(
            rows.filter(completions__gt=0),
            group,
            anonymous_completions=Sum("completions"),
        )
    return _grouped(
        rows,
        group,
        anonymous_sessions=Sum("starts"),
        anonymous_completions=Sum("completions"),
    )


def _totals(*, since, until, queried: set[str]) -> ReachRow:
    """The whole range, each learner once, for the `queried` sources: not the
    sum of the groups, where one learner can be in two groups."""
    total = ReachRow(label="All")
    anonymous = Q(user__isnull=True)
    if "starts" in queried:
        _add(
            total,
            module_starts(since, until).aggregate(
                learners=Count("user", distinct=True),
                anonymous_sessions=Count("pk", filter=anonymous),
            ),
        )
    if "completions" in queried:
        _add(
            total,
            module_completions(since, until).aggregate(
                completions=Count("pk", filter=~anonymous),
                anonymous_completions=Count("pk", filter=anonymous),
            ),
        )
    if "certificates" in queried:
        _add(
            total,
            certificates_issued(since, until).aggregate(
                certificates=Count("pk"), ce_hours=Sum("ce_hours")
            ),
        )
    return total
