"""Builders shared by the certificate tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.factories import audience_page, make_module, make_user


def make_certificate_module(*, audience: str = "providers", lessons: int = 2, **kwargs):
    """A published module that issues certificates, with a live final quiz."""
    from quizzes.models import Quiz

    kwargs.setdefault("issues_certificate", True)
    kwargs.setdefault("ce_hours", Decimal("1.5"))
    module = make_module(parent=audience_page(audience), lessons=lessons, **kwargs)
    module.quiz = Quiz.objects.create(title=f"{module.title[:150]} quiz", live=True)
    module.save_revision().publish()
    module.refresh_from_db()
    return module


def finish_lessons(module, *, user=None, anonymous_key: str = "") -> None:
    from training.models import LessonCompletion

    owner = (
        {"user": user}
        if user
        else {
            "anonymous_key": anonymous_key,
            "expires_at": timezone.now() + timedelta(days=30),
        }
    )
    for lesson in module.lessons():
        LessonCompletion.objects.get_or_create(lesson=lesson, module=module, **owner)


def pass_quiz(module, *, user=None, anonymous_key: str = "", score="90", when=None):
    """A submitted, passed final attempt (graded elsewhere; here only the outcome)."""
    from quizzes.models import Attempt

    when = when or timezone.now()
    return Attempt.objects.create(
        quiz_id=module.quiz_id,
        module=module,
        purpose="final",
        user=user,
        anonymous_key="" if user else anonymous_key,
        questions=[],
        pass_mark=80,
        score=Decimal(score),
        passed=True,
        started_at=when - timedelta(minutes=5),
        submitted_at=when,
    )


def complete_module(module, *, user=None, anonymous_key: str = "", **quiz_kwargs):
    finish_lessons(module, user=user, anonymous_key=anonymous_key)
    return pass_quiz(module, user=user, anonymous_key=anonymous_key, **quiz_kwargs)


def issue(module, user, name: str = "Alex Learner"):
    from training.certificates.services import certificate_issue

    return certificate_issue(user=user, module=module, printed_name=name)


def make_trainer(staff_groups, **kwargs):
    """A trainer with an authenticator, so an MFA gate on /admin/ lets them in."""
    from allauth.mfa.models import Authenticator

    kwargs.setdefault("email", f"trainer{timezone.now().timestamp()}@example.org")
    trainer = make_user(groups=[staff_groups["CAC trainers"]], **kwargs)
    Authenticator.objects.create(
        user=trainer, type=Authenticator.Type.TOTP, data={"secret": "test"}
    )
    return trainer
