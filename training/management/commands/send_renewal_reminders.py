"""Email learners whose certificates expire soon. Run daily from cron; safe to rerun.

Thresholds are 30 and 7 days before expiry. A learner gets at most one email per
threshold (a RenewalReminder row, unique per certificate and threshold, is claimed
before sending); a missed run sends only the nearest threshold's email. Revoked
certificates, and certificates already renewed by a newer one, get nothing.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from training.models import Certificate, RenewalReminder

THRESHOLDS = (30, 7)  # days before expiry


def due_certificates(*, today):
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
            expires_on__lte=today + timedelta(days=max(THRESHOLDS)),
        )
        .exclude(Exists(newer))
        .select_related("user", "module")
        .prefetch_related("reminders")
        .order_by("expires_on", "pk")
    )


def threshold_for(*, days_left: int) -> int | None:
    """The nearest threshold reached: 7 when 5 days are left, 30 when 20 are."""
    reached = [days for days in THRESHOLDS if days_left <= days]
    return min(reached) if reached else None


def send_renewal_reminders(*, today=None) -> int:
    """Send the reminders due today; returns how many emails went out."""
    today = today or timezone.localdate()
    sent = 0
    for certificate in due_certificates(today=today):
        days_left = (certificate.expires_on - today).days
        threshold = threshold_for(days_left=days_left)
        already = {reminder.days_before for reminder in certificate.reminders.all()}
        if threshold is None or any(days <= threshold for days in already):
            continue
        try:
            with transaction.atomic():
                # Claim first: a second cron run at the same time hits the constraint.
                RenewalReminder.objects.create(
                    certificate=certificate, days_before=threshold
                )
                _send(certificate, days_left=days_left)
        except IntegrityError:
            continue
        sent += 1
    return sent


def _send(certificate: Certificate, *, days_left: int) -> None:
    context = {
        "certificate": certificate,
        "days_left": days_left,
        "module_url": certificate.module.get_full_url(),
    }
    send_mail(
        subject=f"Your certificate for {certificate.module_title} expires in "
        f"{days_left} day{'s' if days_left != 1 else ''}",
        message=render_to_string("training/certificates/renewal_reminder.txt", context),
        from_email=None,
        recipient_list=[certificate.user.email],
    )


class Command(BaseCommand):
    help = "Email renewal reminders 30 and 7 days before certificates expire."

    def handle(self, *args, **options):
        sent = send_renewal_reminders()
        self.stdout.write(f"Sent {sent} renewal reminder{'s' if sent != 1 else ''}.")
