"""The admin home page's figures: this month against last, and the year's chart.

A fixed handful of grouped queries (by month and audience), whatever the data:
the home page is every trainer's first page of the day.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from insights.selectors.reach import (
    a_row_of_the_same_learner,
    archived,
    audience_of,
    certificates_issued,
    day_range,
    module_audiences,
    module_completions,
    module_starts,
)
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.models import Certificate, CertificateStatus

EXPIRY_WINDOW_DAYS = 60
CHART_MONTHS = 12


@dataclass(frozen=True)
class Month:
    start: date
    end: date  # its last day

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y}"


@dataclass
class AudienceMonth:
    started: int = 0
    finished: int = 0


@dataclass
class Dashboard:
    this_month: Month
    last_month: Month
    audiences: list[str]
    # {audience: {month start: AudienceMonth}}
    by_audience: dict = field(default_factory=dict)
    certificates: dict = field(default_factory=dict)  # {month start: count}
    first_try_attempts: int = 0
    first_try_passed: int = 0
    expiring_soon: int = 0
    expiry_window_end: date | None = None
    chart_months: list[Month] = field(default_factory=list)
    # {audience: [completions per chart month]}
    chart: dict = field(default_factory=dict)

    @property
    def first_try_pass_rate(self) -> float | None:
        if not self.first_try_attempts:
            return None
        return self.first_try_passed / self.first_try_attempts


def month_of(day: date) -> Month:
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return Month(start=start, end=following - timedelta(days=1))


def months_back(today: date, count: int) -> list[Month]:
    """The `count` months up to and including today's, oldest first."""
    months = [month_of(today)]
    while len(months) < count:
        months.insert(0, month_of(months[0].start - timedelta(days=1)))
    return months


def _month_key(value: datetime | date) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return value.replace(day=1)


def first_tries(since: datetime, until: datetime):
    """Final attempts submitted in the range that are a learner's first at the quiz."""
    earlier = Attempt.objects.filter(
        quiz_id=OuterRef("quiz_id"),
        purpose=AttemptPurpose.FINAL,
        submitted_at__lt=OuterRef("submitted_at"),
    )
    return Attempt.objects.filter(
        purpose=AttemptPurpose.FINAL, submitted_at__gte=since, submitted_at__lt=until
    ).exclude(a_row_of_the_same_learner(earlier))


def dashboard(*, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    chart_months = months_back(today, CHART_MONTHS)
    this_month, last_month = chart_months[-1], chart_months[-2]
    audiences_by_module = module_audiences()
    audience = audience_of("module_id", audiences_by_module)
    since, until = day_range(last_month.start, this_month.end)

    result = Dashboard(
        this_month=this_month,
        last_month=last_month,
        audiences=sorted(set(audiences_by_module.values())),
        chart_months=chart_months,
        expiry_window_end=today + timedelta(days=EXPIRY_WINDOW_DAYS),
    )
    by_audience = defaultdict(lambda: defaultdict(AudienceMonth))
    starts = (
        module_starts(since, until)
        .annotate(month=TruncMonth("first_viewed_at"), audience=audience)
        .values("month", "audience")
        .annotate(
            accounts=Count("user", distinct=True),
            sessions=Count("anonymous_key", filter=Q(user__isnull=True), distinct=True),
        )
    )
    for row in starts:
        month = by_audience[row["audience"]][_month_key(row["month"])]
        month.started += row["accounts"] + row["sessions"]

    chart_since, _ = day_range(chart_months[0].start, this_month.end)
    completions = (
        module_completions(chart_since, until)
        .annotate(month=TruncMonth("submitted_at"), audience=audience)
        .values("month", "audience")
        .annotate(count=Count("pk"))
    )
    chart = defaultdict(lambda: [0] * len(chart_months))
    month_index = {month.start: index for index, month in enumerate(chart_months)}
    for row in completions:
        key = _month_key(row["month"])
        chart[row["audience"]][month_index[key]] += row["count"]
        if key in (this_month.start, last_month.start):
            by_audience[row["audience"]][key].finished += row["count"]
    # Purged anonymous sessions, as the counts kept of them (insights/archive.py).
    kept = (
        archived(chart_months[0].start, this_month.end)
        .annotate(month=TruncMonth("day"), audience=audience)
        .values("month", "audience")
        .annotate(starts=Sum("starts"), completions=Sum("completions"))
    )
    for row in kept:
        key = _month_key(row["month"])
        chart[row["audience"]][month_index[key]] += row["completions"]
        if key in (this_month.start, last_month.start):
            month = by_audience[row["audience"]][key]
            month.started += row["starts"]
            month.finished += row["completions"]
    result.by_audience = {name: dict(months) for name, months in by_audience.items()}
    result.chart = {name: chart[name] for name in sorted(chart)}

    certificates = (
        certificates_issued(since, until)
        .annotate(month=TruncMonth("issued_at"))
        .values("month")
        .annotate(count=Count("pk"))
    )
    result.certificates = {
        _month_key(row["month"]): row["count"] for row in certificates
    }

    month_since, _ = day_range(this_month.start, this_month.end)
    tries = first_tries(month_since, until).aggregate(
        attempts=Count("pk"), passed=Count("pk", filter=Q(passed=True))
    )
    result.first_try_attempts = tries["attempts"]
    result.first_try_passed = tries["passed"]
    result.expiring_soon = (
        Certificate.objects.with_status(CertificateStatus.VALID, today=today)
        .filter(expires_on__lte=result.expiry_window_end)
        .count()
    )
    return result


@dataclass(frozen=True)
class LiveTraining:
    requests_recent: int
    next_sessions: list


REQUESTS_WINDOW_DAYS = 30


def live_training(*, now: datetime | None = None, count: int = 3) -> LiveTraining:
    """Requests received lately and the next sessions: two queries."""
    from organisations.models import TrainingSession
    from organisations.services.training_requests import training_request_submissions

    now = now or timezone.now()
    recent = training_request_submissions().filter(
        submit_time__gte=now - timedelta(days=REQUESTS_WINDOW_DAYS)
    )
    sessions = (
        TrainingSession.objects.filter(cancelled_at__isnull=True, starts_at__gte=now)
        .select_related("module")
        .order_by("starts_at")[:count]
    )
    return LiveTraining(requests_recent=recent.count(), next_sessions=list(sessions))
