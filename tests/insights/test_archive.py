"""Anonymous youth records are purged after 30 days; the reports' figures are
the same after the purge as before it, and nothing that names a session stays."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from insights.models import AnonymousActivity, ArchivedGain
from insights.selectors.dashboard import dashboard
from insights.selectors.knowledge_gain import knowledge_gain
from insights.selectors.reach import Breakdown, day_range, reach
from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from tests.factories import make_user
from tests.insights.builders import at, record_outcomes, submit_attempt, view_lesson
from tests.quizzes.builders import make_quiz
from training.models import LessonView
from training.progress import purge_expired_anonymous_progress

YEAR = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
AFTER_EXPIRY = timezone.make_aware(datetime(2026, 6, 1))


@pytest.fixture
def youth_records(youth_module):
    youth_module.pretest = make_quiz(title="Before you start")
    youth_module.save_revision().publish()
    youth_module.refresh_from_db()
    y1, y2 = youth_module.get_children().specific()
    for index in range(6):
        key = f"session-{index}"
        view_lesson(key, y1, when=at("2026-03-02"))
        view_lesson(key, y2, when=at("2026-03-03"))
        before = submit_attempt(
            key,
            youth_module,
            when=at("2026-03-03", 9),
            score=20 + index * 10,
            purpose=AttemptPurpose.PRETEST,
        )
        after = submit_attempt(
            key,
            youth_module,
            when=at("2026-03-04"),
            score=60 + index * 5,
            language="pt" if index % 2 else "en",
        )
        record_outcomes(before, {"indicators": (1, 1)})
        record_outcomes(after, {"indicators": (2, 0)})
    # One session that is still within its 30 days, and an account's records.
    view_lesson("recent", y1, when=at("2026-03-20"))
    submit_attempt(make_user(), youth_module, when=at("2026-03-21"), score=100)
    expired = {"user__isnull": True, "anonymous_key__startswith": "session-"}
    LessonView.objects.filter(**expired).update(expires_at=at("2026-04-01"))
    Attempt.objects.filter(**expired).update(expires_at=at("2026-04-01"))
    return youth_module


def all_figures(module):
    since, until = day_range(**YEAR)
    reaches = {
        breakdown: (
            sorted(
                (
                    row.label,
                    row.anonymous_sessions,
                    row.anonymous_completions,
                    row.learners,
                    row.completions,
                )
                for row in reach(**YEAR, breakdown=breakdown).rows
            ),
            reach(**YEAR, breakdown=breakdown).total,
        )
        for breakdown in Breakdown.values
    }
    (gain,) = knowledge_gain(since=since, until=until, module_ids=[module.pk])
    board = dashboard(today=date(2026, 3, 25))
    return reaches, gain, (board.by_audience, board.chart)


def test_figures_survive_the_purge(youth_records):
    before = all_figures(youth_records)
    purge_expired_anonymous_progress(now=AFTER_EXPIRY)
    assert not LessonView.objects.filter(anonymous_key__startswith="session-").exists()
    assert not Attempt.objects.filter(anonymous_key__startswith="session-").exists()
    assert all_figures(youth_records) == before
    gain = before[1].overall
    assert gain.learners == 6 and gain.pre == pytest.approx(45)


def test_a_second_purge_counts_nothing_twice(youth_records):
    purge_expired_anonymous_progress(now=AFTER_EXPIRY)
    once = all_figures(youth_records)
    purge_expired_anonymous_progress(now=AFTER_EXPIRY)
    assert all_figures(youth_records) == once
    assert ArchivedGain.objects.count() == 6


def test_what_is_kept_names_no_session(youth_records):
    purge_expired_anonymous_progress(now=AFTER_EXPIRY)
    kept = list(AnonymousActivity.objects.values()) + list(
        ArchivedGain.objects.values()
    )
    assert kept and not any("session-" in str(row) for row in kept)
    assert {row.starts for row in AnonymousActivity.objects.all()} >= {6}


def test_a_session_is_purged_whole_and_counted_once(youth_module):
    """Its first pass expires before its second: the session stays until both
    have, then counts one completion."""
    submit_attempt("staggered", youth_module, when=at("2026-03-01"), score=100)
    submit_attempt("staggered", youth_module, when=at("2026-03-10"), score=100)
    attempts = Attempt.objects.filter(anonymous_key="staggered").order_by("pk")
    attempts.filter(pk=attempts[0].pk).update(expires_at=at("2026-03-31"))
    attempts.filter(pk=attempts[1].pk).update(expires_at=at("2026-04-09"))
    before = reach(**YEAR).total.anonymous_completions
    purge_expired_anonymous_progress(now=at("2026-04-05"))
    assert Attempt.objects.filter(anonymous_key="staggered").count() == 2
    purge_expired_anonymous_progress(now=at("2026-04-10"))
    assert not Attempt.objects.filter(anonymous_key="staggered").exists()
    assert before == reach(**YEAR).total.anonymous_completions == 1
