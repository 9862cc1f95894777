"""Certificate services: codes, who has earned one, issuing, revoking, looking up.

A learner earns a certificate for a module that issues them when every lesson is
finished and the final quiz is passed. After a certificate expires, the next one
needs a quiz passed *after* that expiry: `earned_since` is the cut-off.
"""

import base64
import calendar
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from accounts.names import collapse_spaces, name_problem
from quizzes.models import Attempt
from training.learners import Learner
from training.models import Certificate, TrainingModulePage
from training.selectors import ModuleProgress, module_progress

CODE_BYTES = 20  # 160 random bits: 32 base32 characters, 8 groups of 4
CODE_LENGTH = 32
CODE_RE = re.compile(r"^[A-Z2-7]{32}$")
SEPARATORS_RE = re.compile(r"[\s\-]+")
REVOKE_ACTION = "training.certificate.revoke"


class CertificateError(Exception):
    """A request the learner or trainer can correct; the message says how."""


class CertificateNotEarned(CertificateError):
    def __init__(self):
        super().__init__(
            "You can get a certificate once you have finished every lesson and "
            "passed the final quiz."
        )


# ---------- Codes ----------


def code_generate() -> str:
    """A fresh verification code from `secrets`: 160 bits, upper-case base32."""
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def code_normalise(raw: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return SEPARATORS_RE.sub("", raw or "").upper()


def code_is_well_formed(code: str) -> bool:
    return bool(CODE_RE.match(code))


# ---------- Dates ----------


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def expiry_for(*, module: TrainingModulePage, issued_on: date) -> date | None:
    """Last day the certificate is valid; None when the module sets no period."""
    if not module.valid_for_months:
        return None
    return add_months(issued_on, module.valid_for_months) - timedelta(days=1)


def start_of_day_after(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


# ---------- Who has earned one ----------


def latest_certificate(*, user, module: TrainingModulePage) -> Certificate | None:
    return (
        Certificate.objects.filter(user=user, module=module).order_by("-period").first()
    )


def latest_certificate_by_module(certificates) -> dict[int, Certificate]:
    """Each module's latest period among certificates already read (no query)."""
    latest: dict[int, Certificate] = {}
    for certificate in certificates:
        current = latest.get(certificate.module_id)
        if current is None or certificate.period > current.period:
            latest[certificate.module_id] = certificate
    return latest


def earned_since(*, previous: Certificate | None) -> datetime | None:
    """A new certificate needs a quiz passed after this moment (None: any time)."""
    if previous is None or previous.expires_on is None:
        return None
    return start_of_day_after(previous.expires_on)


def passing_score(
    *, learner: Learner, module: TrainingModulePage, since: datetime | None = None
) -> Decimal | None:
    """Best score of a passed final attempt at the module's current quiz since `since`.

    None when there is no such attempt.
    """
    if not (module.quiz_id and learner.has_records):
        return None
    attempts = Attempt.objects.filter(
        learner.owns(),
        module_id=module.pk,
        quiz_id=module.quiz_id,
        purpose="final",
        passed=True,
        submitted_at__isnull=False,
    )
    if since is not None:
        attempts = attempts.filter(submitted_at__gte=since)
    return attempts.aggregate(best=Max("score"))["best"]


def clean_printed_name(raw: str) -> str:
    """Collapse whitespace; refuse empty, over-long or unprintable names."""
    name = collapse_spaces(raw)
    if not name:
        raise CertificateError("Enter the name to print on the certificate.")
    if problem := name_problem(name):
        raise CertificateError(problem)
    return name


@dataclass(frozen=True)
class ClaimState:
    """What the module page, the claim page and My training offer a learner."""

    certificate: Certificate | None = None  # the latest one issued, in any status
    can_claim: bool = False  # a (new) certificate may be issued now
    # Completed without an account, in an audience of adults: sign up or log in
    # to get a certificate (everything done so far moves to the account).
    needs_account: bool = False

    @property
    def needs_retake(self) -> bool:
        """Expired, and no quiz passed since: the module must be retaken."""
        return (
            self.certificate is not None
            and self.certificate.status == "expired"
            and not self.can_claim
        )


def claim_state_for(
    *,
    module: TrainingModulePage,
    progress: ModuleProgress,
    latest: Certificate | None,
    anonymous: bool,
) -> ClaimState:
    """The claim state from what a page already read: no queries of its own."""
    if not module.issues_certificate:
        return ClaimState()
    if anonymous:
        # Minors get an unstored, unverifiable record; adults an account first.
        return ClaimState(
            can_claim=progress.complete and module.audience.for_minors,
            needs_account=progress.complete and not module.audience.for_minors,
        )
    if latest is not None and latest.status != "expired":
        return ClaimState(certificate=latest)
    since = earned_since(previous=latest)
    return ClaimState(certificate=latest, can_claim=progress.complete_since(since))


def claim_state(
    *, learner: Learner, module: TrainingModulePage, progress=None
) -> ClaimState:
    """The learner's certificate for the module and whether they may claim one.

    `progress` (a ModuleProgress with the quiz, that the page already has)
    saves recounting lessons.
    """
    if not module.issues_certificate or not learner.has_records:
        return ClaimState()
    if progress is None:
        progress = module_progress(
            learner=learner, module=module, lessons=list(module.lessons())
        )
    latest = (
        latest_certificate(user=learner.user, module=module)
        if learner.user is not None
        else None
    )
    return claim_state_for(
        module=module, progress=progress, latest=latest, anonymous=learner.user is None
    )


# ---------- Issuing ----------


def certificate_issue(
    *, user, module: TrainingModulePage, printed_name: str
) -> Certificate:
    """Issue the learner's certificate for the current validity period, once.

    Returns the existing certificate when one is already issued for the period
    (a double click, a second tab, or a concurrent request that won the race).
    """
    if not module.issues_certificate:
        raise CertificateError("This module does not issue certificates.")
    name = clean_printed_name(printed_name)
    previous = latest_certificate(user=user, module=module)
    today = timezone.localdate()
    if previous is not None and previous.status_on(today) != "expired":
        return previous  # valid or revoked: no new certificate this period
    learner = Learner(user=user)
    since = earned_since(previous=previous)
    progress = module_progress(
        learner=learner, module=module, lessons=list(module.lessons())
    )
    if not progress.complete_since(since):
        raise CertificateNotEarned()
    score = passing_score(learner=learner, module=module, since=since)
    audience = module.audience
    period = previous.period + 1 if previous else 1
    for _ in range(3):  # a second try only if the random code itself collided
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    code=code_generate(),
                    user=user,
                    module=module,
                    period=period,
                    module_title=module.title,
                    printed_name=name,
                    audience=audience,
                    for_youth=audience.for_minors,
                    score=score,
                    ce_hours=module.ce_hours
                    if audience.earns_formal_certificates
                    else Decimal("0"),
                    expires_on=expiry_for(module=module, issued_on=today),
                )
        except IntegrityError:
            existing = Certificate.objects.filter(
                user=user, module=module, period=period
            ).first()
            if existing is not None:
                return existing
    raise CertificateError("The certificate could not be issued; please try again.")


# ---------- Revoking ----------


def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Mark a certificate revoked (who, when, why) and log it; nothing is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise CertificateError("This certificate was already revoked.")
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        log(
            instance=locked,
            action=REVOKE_ACTION,
            user=by,
            data={"code": locked.display_code, "reason": reason},
        )
    return locked


# ---------- Looking up ----------


def certificate_lookup(*, raw_code: str) -> Certificate | None:
    """The certificate with this code (any case, spaces or dashes), or None."""
    code = code_normalise(raw_code)
    if not code_is_well_formed(code):
        return None
    return Certificate.objects.select_related("audience").filter(code=code).first()


def certificate_for_download(*, user, raw_code: str) -> Certificate | None:
    """The certificate if `user` owns it or may view every certificate, else None."""
    certificate = certificate_lookup(raw_code=raw_code)
    if certificate is None or not user.is_authenticated:
        return None
    if certificate.user_id == user.pk and not certificate.is_revoked:
        return certificate
    if user.has_perm("training.view_certificate"):
        return certificate
    return None


# ---------- Email ----------


def certificate_email_send(*, certificate: Certificate, site) -> None:
    """Email the learner their certificate PDF as an attachment."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    from training.pdf import document_for_certificate, render_certificate_pdf

    document = document_for_certificate(certificate, site=site)
    context = {"certificate": certificate, "doc": document, "site": site}
    message = EmailMessage(
        subject=f"Your certificate: {certificate.module_title}",
        body=render_to_string("training/certificates/email_copy.txt", context),
        to=[certificate.user.email],
    )
    message.attach(
        document.filename,
        render_certificate_pdf(document, site=site),
        "application/pdf",
    )
    message.send()
