"""What the load test needs from the site's database, before and after the run.

Imported inside the site (Django set up against the load test's database, see
bench/load/stack.py): `prepare` makes the accounts and reads what the simulated
learners must know (addresses, the answer key); `lost_records` reads back what
they did and names anything the site lost.
"""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

PROVIDER_PASSWORD = "load-test-pass-4821"


def prepare(*, providers: int, certificates: int) -> dict:
    """Accounts for `providers` sign-ins and a trainer, `certificates` issued
    before the run (the trainer's ZIP renders them), and the plan for the run."""
    from audiences.setup import setup_site
    from tests.jobs.helpers import bulk_certificates
    from training.models import TrainingModulePage

    home = setup_site()  # idempotent: the groups the trainer's role needs
    youth = _module_with_quiz(TrainingModulePage, "youth", certificate=False)
    provider = _module_with_quiz(TrainingModulePage, "providers", certificate=True)
    # Simulated providers spend seconds, not the module's 45 minutes, in the
    # lessons: without this the final quiz would rightly stay closed.
    if provider.min_lesson_minutes:
        provider.min_lesson_minutes = 0
        provider.save_revision().publish()
    bulk_certificates(provider, count=certificates, prefix="earlier-learner")
    return {
        "youth": _module_plan(youth),
        "providers": _module_plan(provider),
        "accounts": _provider_accounts(providers),
        "trainer_session": _trainer_session(home),
    }


def _module_with_quiz(model, audience: str, *, certificate: bool):
    modules = model.objects.live().filter(
        url_path__contains=f"/{audience}/", quiz__live=True
    )
    if certificate:
        modules = modules.filter(issues_certificate=True)
    module = modules.order_by("path").first()
    if module is None:
        raise SystemExit(f"No live {audience} module with a live quiz to load.")
    return module


def _module_plan(module) -> dict:
    from quizzes.models import Choice

    correct = Choice.objects.filter(question__quiz=module.quiz_id, is_correct=True)
    answer_key = {}
    for question_id, choice_id in correct.values_list("question_id", "pk"):
        answer_key.setdefault(str(question_id), []).append(choice_id)
    return {
        "id": module.pk,
        "url": module.url,
        "lessons": [lesson.url for lesson in module.lessons()],
        "answer_key": answer_key,
    }


def _provider_accounts(count: int) -> list[dict]:
    from tests.jobs.helpers import bulk_users

    users = bulk_users(
        count=count, prefix="load-provider-", password=PROVIDER_PASSWORD, verified=True
    )
    return [{"email": user.email, "password": PROVIDER_PASSWORD} for user in users]


def _trainer_session(home) -> str:
    """A signed-in CAC trainer with a second factor, as a session key: the load
    test times the export, not a TOTP sign-in."""
    from allauth.mfa.models import Authenticator

    from accounts.models import User
    from accounts.roles import ensure_staff_groups

    groups = ensure_staff_groups(home=home)
    trainer = User.objects.create_user(
        email="trainer@load.example.org", username="load-trainer", name="Trainer"
    )
    trainer.groups.add(groups["CAC trainers"])
    Authenticator.objects.create(
        user=trainer, type=Authenticator.Type.TOTP, data={"secret": "load"}
    )
    session = SessionStore()
    session[SESSION_KEY] = str(trainer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = trainer.get_session_auth_hash()
    session.save()
    return session.session_key


def lost_records(events: list[dict]) -> list[str]:
    """Everything the simulated learners were told was saved, checked in the
    database; one line per thing missing, doubled or wrong."""
    attempts = {}
    for event in events:
        if event["event"] in ("sending", "saved", "submitted"):
            attempts.setdefault(event["attempt"], []).append(event)
    problems = []
    for public_id, history in attempts.items():
        problems += _attempt_problems(public_id, history)
    problems += _lesson_problems(events)
    problems += _certificate_problems(events)
    problems += _zip_problems(events)
    return problems


def _attempt_problems(public_id: str, history: list[dict]) -> list[str]:
    """Saves merge into the attempt, so it must hold every acknowledged save;
    a request the run's end cut off (sent, never answered) may have landed."""
    from quizzes.models import Attempt, QuestionOutcome

    attempt = Attempt.objects.filter(public_id=public_id).first()
    if attempt is None:
        return [f"attempt {public_id}: gone"]
    acknowledged, in_flight, submitted = {}, None, None
    for event in history:
        if event["event"] == "sending":
            in_flight = event
            continue
        acknowledged.update(event["answers"])
        in_flight = None
        if event["event"] == "submitted":
            submitted = event
    allowed = [acknowledged]
    if in_flight is not None:
        allowed.append({**acknowledged, **in_flight["answers"]})
    stored = {key: sorted(value) for key, value in attempt.answers.items()}
    if stored not in [_sorted(answers) for answers in allowed]:
        return [f"attempt {public_id}: stored answers differ from those saved"]
    if submitted is None and attempt.submitted_at is None:
        return []
    if attempt.submitted_at is None or attempt.score is None:
        return [f"attempt {public_id}: submitted but not graded"]
    outcomes = QuestionOutcome.objects.filter(attempt=attempt).count()
    if outcomes != len(attempt.questions):
        return [
            f"attempt {public_id}: {outcomes} graded answers for "
            f"{len(attempt.questions)} questions"
        ]
    if submitted is not None and attempt.passed != submitted["passed"]:
        return [f"attempt {public_id}: graded other than the answers given"]
    return []


def _sorted(answers: dict) -> dict:
    return {key: sorted(value) for key, value in answers.items()}


def _lesson_problems(events: list[dict]) -> list[str]:
    """Each visitor's finished lessons, counted against the rows kept for them."""
    from training.models import LessonCompletion

    finished = {}
    for event in events:
        if event["event"] == "lesson_finished":
            finished.setdefault(event["who"], set()).add(event["lesson"])
    expected_anonymous = sum(
        len(lessons) for who, lessons in finished.items() if who.startswith("youth")
    )
    kept_anonymous = LessonCompletion.objects.filter(user=None).count()
    problems = []
    if kept_anonymous != expected_anonymous:
        problems.append(
            f"youth finished {expected_anonymous} lessons; {kept_anonymous} are kept"
        )
    for who, lessons in finished.items():
        if who.startswith("youth"):
            continue
        kept = LessonCompletion.objects.filter(user__email=who).count()
        if kept != len(lessons):
            problems.append(f"{who} finished {len(lessons)} lessons; {kept} are kept")
    return problems


def _certificate_problems(events: list[dict]) -> list[str]:
    from training.models import Certificate

    problems = []
    passed = {e["who"] for e in events if e["event"] == "submitted" and e["passed"]}
    # A provider the run stopped before the claim has none, and that is fine.
    claimed = {e["who"]: e["code"] for e in events if e["event"] == "certificate"}
    for who in sorted(w for w in passed if not w.startswith("youth")):
        codes = list(
            Certificate.objects.filter(user__email=who).values_list("code", flat=True)
        )
        if who in claimed and codes != [claimed[who]]:
            problems.append(f"{who}: certificates {codes}, claimed {claimed[who]}")
        elif len(codes) > 1:
            problems.append(f"{who}: {len(codes)} certificates for one pass")
    return problems


def _zip_problems(events: list[dict]) -> list[str]:
    from jobs.models import Job, JobStatus

    problems = []
    for event in events:
        if event["event"] != "zip":
            continue
        job = Job.objects.filter(pk=event["job"]).first()
        if job is None or job.status != JobStatus.SUCCEEDED:
            problems.append(f"ZIP job {event['job']}: not finished")
        elif event["entries"] != job.total:
            problems.append(
                f"ZIP job {event['job']}: {event['entries']} PDFs of {job.total}"
            )
    return problems
