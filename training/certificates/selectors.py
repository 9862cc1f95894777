"""Reads about certificates: lookups, the latest one, and what a learner may claim.

A learner earns a certificate for a module that issues them when the module is
complete (training.selectors.ModuleProgress). After a certificate expires, the
next one needs a quiz passed *after* that expiry: `earned_since` is the cut-off.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Max

from quizzes.choices import AttemptPurpose
from quizzes.models import Attempt
from training.canonical import in_language
from training.certificates.codes import (
    code_is_well_formed,
    code_normalise,
    start_of_day_after,
)
from training.learners import Learner
from training.models import Certificate, CertificateStatus, TrainingModulePage
from training.selectors import ModuleProgress, module_progress

VIEW_PERMISSION = "training.view_certificate"


def latest_certificate(*, user, module: TrainingModulePage) -> Certificate | None:
    """The user's latest for the module, whichever language the module is shown in."""
    return (
        Certificate.objects.filter(
            user=user, module__translation_key=module.translation_key
        )
        .order_by("-period")
        .first()
    )


def latest_certificate_by_module(certificates) -> dict:
    """{module translation key: its latest certificate}, among certificates read
    with their module (no query)."""
    latest: dict = {}
    for certificate in certificates:
        if certificate.module is None:
            continue
        key = certificate.module.translation_key
        current = latest.get(key)
        if current is None or certificate.period > current.period:
            latest[key] = certificate
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
        module__translation_key=module.translation_key,
        # The module's current quiz: attempts hold the English module and quiz.
        quiz_id=F("module__quiz_id"),
        purpose=AttemptPurpose.FINAL,
        passed=True,
        submitted_at__isnull=False,
    )
    if since is not None:
        attempts = attempts.filter(submitted_at__gte=since)
    return attempts.aggregate(best=Max("score"))["best"]


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
            and self.certificate.status == CertificateStatus.EXPIRED
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
    if latest is not None and latest.status != CertificateStatus.EXPIRED:
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
    if user.has_perm(VIEW_PERMISSION):
        return certificate
    return None


def module_title_in(certificate: Certificate, language: str) -> str:
    """The module's title as a reader of `language` knows it.

    The certificate stores the English title as issued; a Spanish reader sees
    the Spanish module's title where one is published, and the English where
    not (or where the module was since deleted).
    """
    module = certificate.module
    if module is None or language == settings.LANGUAGE_CODE:
        return certificate.module_title
    translated = in_language(module, language)
    return translated.title if translated.pk != module.pk else certificate.module_title
