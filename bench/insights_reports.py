"""Time the question-quality report of one quiz and the reach report of a year,
over 20,000 learners and 100,000 submitted attempts: median and p90 of 10. By hand:

    .venv/bin/python bench/insights_reports.py              # in-memory SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/insights_reports.py --postgres

Builds a throwaway database (test settings; with --postgres a test_ database on
DATABASE_URL's server, dropped afterwards): six modules of ten four-choice
questions (four for providers, two for youth), 16,000 accounts and 4,000
anonymous youth sessions, 100,000 submitted final attempts over last year with
their question outcomes and picks (bulk_create, as grading would write them),
a lesson view per learner and module, certificates for passed provider modules.
Then times both reports end to end through Django's test client as a trainer,
BENCH_RUNS (default 10) runs each after a cold one, and lists the cold run's
slowest queries.
"""

import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
POSTGRES = "--postgres" in sys.argv
if not POSTGRES:
    os.environ.pop("DATABASE_URL", None)  # never touch a real database

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

# BENCH_SCALE=0.1 builds a tenth of it, to look at a query plan quickly.
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
ACCOUNTS = int(16_000 * SCALE)
ANONYMOUS = int(4_000 * SCALE)
ATTEMPTS = int(100_000 * SCALE)
QUESTIONS = 10
BATCH = 5_000
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
SLOWEST = 4
MODULES = ["providers"] * 4 + ["youth"] * 2


def _batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def build(year: int):
    from datetime import datetime, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import TRAINERS, ensure_staff_groups
    from audiences.setup import setup_site
    from quizzes.models import Attempt, ChoicePick, QuestionOutcome
    from tests.factories import enrol_totp, make_user
    from tests.quizzes.builders import add_question, make_quiz_module
    from training.models import Certificate, LessonView

    rng = random.Random(16)
    home = setup_site()
    groups = ensure_staff_groups(home=home)
    modules = []
    for number, audience in enumerate(MODULES, start=1):
        module = make_quiz_module(
            audience=audience, questions=0, lessons=2, title=f"Module {number}"
        )
        for q in range(QUESTIONS):
            add_question(
                module.quiz,
                prompt=f"Question {q + 1} of module {number}?",
                choices=[("A", True), ("B", False), ("C", False), ("D", False)],
            )
        if audience == "providers":
            module.issues_certificate = True
            module.ce_hours = Decimal("1.5")
            module.save_revision().publish()
        questions = [
            (question.pk, question.topic, [c.pk for c in question.choices.all()])
            for question in module.quiz.questions.order_by("sort_order")
        ]
        difficulty = [rng.uniform(-0.3, 0.4) for _ in questions]
        modules.append((module, questions, difficulty, module.lessons().first()))
    providers = [m for m in modules if m[0].audience.slug == "providers"]
    youth = [m for m in modules if m[0].audience.slug == "youth"]

    users = []
    for chunk in _batches(range(ACCOUNTS)):
        users += User.objects.bulk_create(
            User(
                username=f"learner{n}",
                email=f"learner{n}@example.org",
                name=f"Learner {n}",
                password="!",
            )
            for n in chunk
        )
    learners = [{"user": user, "anonymous_key": ""} for user in users] + [
        {"user": None, "anonymous_key": secrets.token_urlsafe(16)}
        for _ in range(ANONYMOUS)
    ]
    ability = [rng.uniform(0.3, 1.0) for _ in learners]

    start = timezone.make_aware(datetime(year, 1, 1))
    seconds = 364 * 24 * 3600
    plans = []
    for _ in range(ATTEMPTS):
        who = rng.randrange(len(learners))
        pool = youth if learners[who]["user"] is None else providers + youth
        module = rng.randrange(len(pool))
        when = start + timedelta(seconds=rng.randrange(seconds))
        plans.append((when, who, pool[module]))
    plans.sort(key=lambda plan: plan[0])

    seen = set()
    views = {}
    certificates = {}
    for chunk in _batches(plans):
        attempts, rows = [], []
        for when, who, (module, questions, difficulty, lesson) in chunk:
            owner = learners[who]
            key = (who, module.pk)
            first_try = key not in seen
            seen.add(key)
            views.setdefault(key, (owner, module, lesson, when - timedelta(hours=1)))
            right = [rng.random() < ability[who] - hard for hard in difficulty]
            score = Decimal(sum(right) * 100 // QUESTIONS)
            passed = score >= 80
            if passed and owner["user"] and module.issues_certificate:
                certificates.setdefault(key, (owner["user"], module, when))
            attempts.append(
                Attempt(
                    quiz_id=module.quiz_id,
                    module=module,
                    purpose="final",
                    questions=[],
                    pass_mark=80,
                    score=score,
                    passed=passed,
                    started_at=when - timedelta(minutes=10),
                    submitted_at=when,
                    expires_at=None if owner["user"] else when + timedelta(days=30),
                    **owner,
                )
            )
            rows.append((questions, right, score, first_try, when))
        attempts = Attempt.objects.bulk_create(attempts)
        outcomes, picked = [], []
        for attempt, (questions, right, score, first_try, when) in zip(
            attempts, rows, strict=True
        ):
            for (question, topic, choices), ok in zip(questions, right, strict=True):
                outcomes.append(
                    QuestionOutcome(
                        attempt=attempt,
                        quiz_id=attempt.quiz_id,
                        purpose="final",
                        question_id=question,
                        topic=topic,
                        correct=ok,
                        attempt_score=score,
                        first_try=first_try,
                        submitted_at=when,
                    )
                )
                picked.append(choices[0] if ok else rng.choice(choices[1:]))
        for outcome_chunk, pick_chunk in zip(
            _batches(outcomes, 10_000), _batches(picked, 10_000), strict=True
        ):
            created = QuestionOutcome.objects.bulk_create(outcome_chunk)
            ChoicePick.objects.bulk_create(
                ChoicePick(outcome=outcome, choice_id=choice)
                for outcome, choice in zip(created, pick_chunk, strict=True)
            )
    for chunk in _batches(list(views.values())):
        LessonView.objects.bulk_create(
            LessonView(
                lesson=lesson,
                module=module,
                first_viewed_at=when,
                # Anonymous rows expire, as the site writes them.
                expires_at=None if owner["user"] else when + timedelta(days=30),
                **owner,
            )
            for owner, module, lesson, when in chunk
        )
    for chunk in _batches(list(certificates.values())):
        Certificate.objects.bulk_create(
            Certificate(
                code=secrets.token_hex(16),
                user=user,
                module=module,
                module_title=module.title,
                printed_name=user.name,
                audience=module.audience,
                ce_hours=module.ce_hours,
                issued_at=when,
            )
            for user, module, when in chunk
        )
    trainer = make_user(groups=[groups[TRAINERS]], email="trainer@example.org")
    enrol_totp(trainer)
    busiest = max(
        modules, key=lambda m: Attempt.objects.filter(quiz_id=m[0].quiz_id).count()
    )
    return trainer, busiest[0].quiz


def time_page(client, address: str, label: str) -> None:
    queries = []

    def timed(execute, sql, params, many, context):
        # The test client resets connection.queries each request: time them here.
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - began, sql))

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        response = client.get(address)
    cold = time.perf_counter() - started
    assert response.status_code == 200, (address, response.status_code)
    print(f"{label}: first (cold) {cold * 1000:.1f} ms", flush=True)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(address)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p90 = timings[int(0.9 * (len(timings) - 1))]
    median = statistics.median(timings)
    print(f"{label} ({len(response.content):,} bytes)")
    print(f"  median:        {median * 1000:7.1f} ms")
    print(f"  p90:           {p90 * 1000:7.1f} ms")
    print(f"  min / max:     {timings[0] * 1000:.1f} / {timings[-1] * 1000:.1f} ms")
    print(f"  target: median < 1 s -> {'OK' if median < 1 else 'SLOW'}")
    print(f"  {len(queries)} queries; the slowest (cold run):")
    for seconds, sql in sorted(queries, reverse=True)[:SLOWEST]:
        print(f"    {seconds * 1000:7.1f} ms  {sql[:100]}")


def main() -> None:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from quizzes.models import ChoicePick, QuestionOutcome

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        year = timezone.localdate().year - 1
        started = time.perf_counter()
        trainer, quiz = build(year)
        print(
            f"built on {connection.vendor} in {time.perf_counter() - started:.0f} s: "
            f"{ACCOUNTS + ANONYMOUS:,} learners, {ATTEMPTS:,} attempts, "
            f"{QuestionOutcome.objects.count():,} outcomes, "
            f"{ChoicePick.objects.count():,} picks"
        )
        client = Client()
        client.force_login(
            trainer, backend="allauth.account.auth_backends.AuthenticationBackend"
        )
        address = reverse("insights_question_quality", args=[quiz.pk])
        time_page(client, address, f"question quality of {quiz.title!r}")
        try:
            address = reverse("insights_reach")
        except NoReverseMatch:
            print("reach report: not there yet (insights_reach)")
        else:
            address += f"?start={year}-01-01&end={year}-12-31"
            time_page(client, address, f"reach for {year}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
