"""A learner's own data: everything we hold, as JSON; and deleting the account."""

from django.db import transaction

from accounts.models import User
from quizzes.models import Attempt
from training.certificates.services import certificate_revoke
from training.models import Certificate, LessonCompletion

SELF_REVOKE_REASON = "Revoked at the learner's request when they deleted their account."


def learner_data(*, user: User) -> dict:
    """Everything the site keeps about this learner, in one JSON-ready dict."""
    progress = LessonCompletion.objects.filter(user=user).select_related(
        "lesson", "module"
    )
    attempts = Attempt.objects.filter(user=user).select_related("quiz")
    certificates = Certificate.objects.filter(user=user)
    return {
        "profile": {
            "name": user.name,
            "email": user.email,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified}
                for address in user.emailaddress_set.all()
            ],
        },
        "progress": [
            {
                "module": row.module.title,
                "lesson": row.lesson.title,
                "finished_at": row.finished_at.isoformat(),
            }
            for row in progress
        ],
        "quiz_attempts": [
            {
                "quiz": attempt.quiz.title,
                "purpose": attempt.purpose,
                "started_at": attempt.started_at.isoformat(),
                "submitted_at": attempt.submitted_at.isoformat()
                if attempt.submitted_at
                else None,
                "score": str(attempt.score) if attempt.score is not None else None,
                "passed": attempt.passed,
                "answers": attempt.answers,
            }
            for attempt in attempts
        ],
        "certificates": [
            {
                "code": certificate.display_code,
                "module": certificate.module_title,
                "printed_name": certificate.printed_name,
                "issued_on": certificate.issued_on.isoformat(),
                "expires_on": certificate.expires_on.isoformat()
                if certificate.expires_on
                else None,
                "status": certificate.status_label,
            }
            for certificate in certificates
        ],
    }


@transaction.atomic
def account_delete(*, user: User, revoke_certificates: bool) -> None:
    """Delete the account, its progress and attempts.

    Certificates keep verifying with the name as printed (an employer may rely
    on them) unless the learner asks for them to be revoked as well; either
    way they are no longer linked to an account.
    """
    if revoke_certificates:
        for certificate in Certificate.objects.filter(user=user, revoked_at=None):
            certificate_revoke(
                certificate=certificate, by=None, reason=SELF_REVOKE_REASON
            )
    user.delete()
