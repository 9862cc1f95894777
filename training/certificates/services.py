"""Writes for certificates: issue, revoke, email a copy, send renewal reminders.

Issuing is once per learner, module and validity period: a database constraint
decides a race, and a double click gets the certificate the first click made.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.log_actions import log

from accounts.language import in_language_of, language_of
from jobs.mail import EMAIL_ATTEMPTS, email_later
from jobs.models import Job
from jobs.retry import job_start, job_task
from training.canonical import english_of, in_language
from training.certificates.codes import (
    CertificateError,
    CertificateNotEarned,
    clean_licence_number,
    clean_printed_name,
    code_generate,
    expiry_for,
)
from training.certificates.pdf import document_for_certificate
from training.certificates.selectors import (
    earned_since,
    latest_certificate,
    module_title_in,
    passing_score,
)
from training.certificates.stored import certificate_pdf_bytes
from training.certificates.tasks import certificate_pdf_store_on_commit
from training.deliveries import delivery_for
from training.learners import Learner
from training.models import (
    Certificate,
    CertificateStatus,
    RenewalReminder,
    TrainingModulePage,
)
from training.selectors import module_progress

REVOKE_ACTION = "training.certificate.revoke"
REMINDER_DAYS = (30, 7)  # renewal emails this many days before expiry


def certificate_issue(
    *,
    user,
    module: TrainingModulePage,
    printed_name: str,
    language: str = "",
    licence_number: str = "",
) -> Certificate:
    """Issue the learner's certificate for the current validity period, once.

    Returns the existing certificate when one is already issued for the period
    (a double click, a second tab, or a concurrent request that won the race).
    The certificate is the English module's; `language` is the one its PDF and
    email speak (the module as shown, by default). It records how the learner
    was trained: at a live session a finder knows of, or online and self-paced.
    """
    language = language or module.locale.language_code
    module = english_of(module)
    if not module.issues_certificate:
        raise CertificateError(gettext("This module does not issue certificates."))
    name = clean_printed_name(printed_name)
    licence_number = clean_licence_number(licence_number)
    previous = latest_certificate(user=user, module=module)
    today = timezone.localdate()
    if previous is not None and previous.status_on(today) != CertificateStatus.EXPIRED:
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
    delivery = delivery_for(user=user, module=module, since=since)
    period = previous.period + 1 if previous else 1
    for _ in range(3):  # a second try only if the random code itself collided
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=code_generate(),
                    user=user,
                    module=module,
                    period=period,
                    module_title=module.title,
                    language=language,
                    printed_name=name,
                    audience=audience,
                    for_youth=audience.for_minors,
                    score=score,
                    ce_hours=module.ce_hours
                    if audience.earns_formal_certificates
                    else Decimal("0"),
                    expires_on=expiry_for(
                        valid_for_months=module.valid_for_months, issued_on=today
                    ),
                    # Youth are never asked for a number (nothing to identify them).
                    licence_number="" if audience.for_minors else licence_number,
                    delivery_format=delivery.format,
                    session_date=delivery.session_date,
                    session_place=delivery.place[:200],
                    session_trainer=delivery.trainer[:150],
                )
                certificate_pdf_store_on_commit(certificate)  # first download: instant
                return certificate
        except IntegrityError:
            existing = Certificate.objects.filter(
                user=user, module=module, period=period
            ).first()
            if existing is not None:
                return existing
    raise CertificateError(
        gettext("The certificate could not be issued; please try again.")
    )


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
        certificate_pdf_store_on_commit(locked)  # the stored PDF is now stale
        log(
            instance=locked,
            action=REVOKE_ACTION,
            user=by,
            data={"code": locked.display_code, "reason": reason},
        )
    return locked


def certificate_email_queue(*, certificate: Certificate, site) -> Job:
    """ "Email me a copy", from the task worker: the request answers at once, and
    a mail server that is down delays the copy (the job retries) instead of
    failing the page. The learner is the one who started it."""
    return job_start(
        certificate_email_job,
        label="Certificate copy by email",
        by=certificate.user,
        params={
            "certificate_id": certificate.pk,
            "site_id": site.pk if site else None,
        },
        max_attempts=EMAIL_ATTEMPTS,
    )


@job_task()
def certificate_email_job(job: Job) -> bool:
    """Send the copy unless the certificate was revoked or its account closed since."""
    from wagtail.models import Site

    certificate = (
        Certificate.objects.select_related("user", "module", "audience")
        .filter(pk=job.params["certificate_id"])
        .first()
    )
    if certificate is None or certificate.user is None or certificate.is_revoked:
        return False
    site_id = job.params.get("site_id")
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    certificate_email_send(certificate=certificate, site=site)
    return True


def certificate_email_send(*, certificate: Certificate, site) -> None:
    """Email the learner their certificate PDF (in the certificate's language)
    with a message in the language their account reads."""
    document = document_for_certificate(certificate)
    with in_language_of(certificate.user):
        module_title = module_title_in(certificate, language_of(certificate.user))
        context = {
            "certificate": certificate,
            "doc": document,
            "site": site,
            "module_title": module_title,
        }
        message = EmailMessage(
            subject=gettext("Your certificate: %(title)s") % {"title": module_title},
            body=render_to_string("training/certificates/email_copy.txt", context),
            to=[certificate.user.email],
        )
    message.attach(
        document.filename,
        certificate_pdf_bytes(certificate, site=site),
        "application/pdf",
    )
    message.send()


# ---------- Renewal reminders ----------


def certificates_due_a_reminder(*, today):
    """Unrevoked, unrenewed certificates of current accounts expiring within 30 days."""
    newer = Certificate.objects.filter(
        user=OuterRef("user"), module=OuterRef("module"), period__gt=OuterRef("period")
    )
    return (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            user__isnull=False,
            module__isnull=False,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
        )
        .exclude(Exists(newer))
        .select_related("user", "module")
        .prefetch_related("reminders")
        .order_by("expires_on", "pk")
    )


def reminder_threshold(*, days_left: int) -> int | None:
    """The nearest threshold reached: 7 when 5 days are left, 30 when 20 are."""
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def renewal_reminders_send(*, today=None) -> int:
    """Send the renewal emails due today; returns how many went out.

    A learner gets at most one email per threshold (a RenewalReminder row,
    unique per certificate and threshold, is claimed before sending); a missed
    run sends only the nearest threshold's email. Safe to run twice at once.
    """
    today = today or timezone.localdate()
    sent = 0
    for certificate in certificates_due_a_reminder(today=today):
        days_left = (certificate.expires_on - today).days
        threshold = reminder_threshold(days_left=days_left)
        already = {reminder.days_before for reminder in certificate.reminders.all()}
        if threshold is None or any(days <= threshold for days in already):
            continue
        try:
            with transaction.atomic():
                # Claim first: a second cron run at the same time hits the constraint.
                RenewalReminder.objects.create(
                    certificate=certificate, days_before=threshold
                )
                _send_renewal_reminder(certificate, days_left=days_left)
        except IntegrityError:
            continue
        sent += 1
    return sent


def _send_renewal_reminder(certificate: Certificate, *, days_left: int) -> None:
    """The reminder speaks the account's language and links to the module in it."""
    language = language_of(certificate.user)
    module = in_language(certificate.module, language)
    with in_language_of(certificate.user):
        module_title = module_title_in(certificate, language)
        context = {
            "certificate": certificate,
            "days_left": days_left,
            "module_title": module_title,
            "module_url": module.get_full_url(),
        }
        subject = ngettext(
            "Your certificate for %(title)s expires in %(days)d day",
            "Your certificate for %(title)s expires in %(days)d days",
            days_left,
        ) % {"title": module_title, "days": days_left}
        message = EmailMessage(
            subject=subject,
            body=render_to_string(
                "training/certificates/renewal_reminder.txt", context
            ),
            to=[certificate.user.email],
        )
    # Queued with the claim: the reminder is recorded as sent only with its job.
    email_later(message, label="Certificate renewal reminder")
