"""Completion certificates: one per learner, module and validity period; kept."""

from datetime import date

from django import forms
from django.conf import settings
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from training.deliveries import DeliveryFormat


def private_storage():
    """Files only a view that checks who is asking may hand out (see settings)."""
    return storages["private"]


class CertificateStatus(models.TextChoices):
    VALID = "valid", "Valid"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class CertificateQuerySet(models.QuerySet):
    def with_status(self, status: str, *, today: date | None = None):
        """Certificates in one CertificateStatus on `today` (local date)."""
        today = today or timezone.localdate()
        if status == CertificateStatus.REVOKED:
            return self.filter(revoked_at__isnull=False)
        if status == CertificateStatus.EXPIRED:
            return self.filter(revoked_at__isnull=True, expires_on__lt=today)
        if status == CertificateStatus.VALID:
            return self.filter(
                Q(expires_on__isnull=True) | Q(expires_on__gte=today),
                revoked_at__isnull=True,
            )
        return self.none()


class Certificate(models.Model):
    """Proof that a learner completed a module, as printed on the PDF.

    Module title, audience, CE hours and score are copied at issue time: the PDF and
    the verify page must keep saying what was true that day, even after edits.
    """

    # Normalised (upper-case base32, no separators); shown in groups of four.
    code = models.CharField(max_length=32, unique=True, editable=False)
    # SET_NULL: deleting an account or a module must not unmake proof of training.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    module = models.ForeignKey(
        "training.TrainingModulePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # 1 for the first certificate, 2 after the first renewal, ...
    period = models.PositiveSmallIntegerField(default=1)
    module_title = models.CharField(max_length=255)  # in English, as issued
    # The learner's language when it was issued: the PDF and email speak it.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    printed_name = models.CharField(max_length=150)
    audience = models.ForeignKey(
        "audiences.Audience", on_delete=models.PROTECT, related_name="+"
    )
    for_youth = models.BooleanField(
        default=False,
        help_text="Issued for a youth module: verification shows a first name only.",
    )
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    ce_hours = models.DecimalField("CE hours", max_digits=4, decimal_places=2)
    issued_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_on = models.DateField(null=True, blank=True, db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(blank=True)
    # Typed by the learner when claiming, for a licensing board; optional.
    licence_number = models.CharField(
        "licence or registration number", max_length=40, blank=True
    )
    # Empty on certificates issued before the format was recorded: the verify
    # page then says nothing about it, as it always did.
    delivery_format = models.CharField(
        max_length=20, choices=DeliveryFormat.choices, blank=True
    )
    session_date = models.DateField(null=True, blank=True)
    session_place = models.CharField(max_length=200, blank=True)
    session_trainer = models.CharField(max_length=150, blank=True)
    # The PDF as last rendered, so a download reads a file instead of rendering
    # (training/certificates/stored.py); private: it carries the learner's name.
    pdf_file = models.FileField(
        storage=private_storage, upload_to="certificates/", blank=True, editable=False
    )
    # A hash of what that PDF printed: when the certificate would print otherwise
    # (a corrected name, a revocation, new settings), the file is stale.
    pdf_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        permissions = [("revoke_certificate", "Can revoke certificates")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "period"],
                name="one_certificate_per_learner_module_and_period",
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1), name="certificate_period_positive"
            ),
            models.CheckConstraint(
                condition=(Q(revoked_at__isnull=True) & Q(revocation_reason=""))
                | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="certificate_revocation_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module_title}: {self.printed_name} ({self.display_code})"

    @property
    def display_code(self) -> str:
        """ABCD-EFGH-...: easy to read aloud over the phone."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def issued_on(self) -> date:
        return timezone.localdate(self.issued_at)

    @property
    def first_name(self) -> str:
        return self.printed_name.split()[0] if self.printed_name.split() else ""

    @property
    def name_for_verification(self) -> str:
        return self.first_name if self.for_youth else self.printed_name

    def status_on(self, today: date | None = None) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        today = today or timezone.localdate()
        if self.expires_on is not None and today > self.expires_on:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def learner_email(self) -> str:
        return self.user.email if self.user else ""

    @property
    def revoked_by_name(self) -> str:
        return str(self.revoked_by) if self.revoked_by else ""


@receiver(post_delete, sender=Certificate)
def _delete_stored_pdf(sender, instance, **kwargs):
    """A deleted certificate leaves no copy of the name behind in storage."""
    if instance.pdf_file:
        name, storage = instance.pdf_file.name, instance.pdf_file.storage
        transaction.on_commit(lambda: storage.delete(name), robust=True)


class RenewalReminder(models.Model):
    """A renewal email sent `days_before` expiry; the constraint stops a second one."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"],
                name="one_reminder_per_certificate_and_threshold",
            )
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day reminder for certificate {self.certificate_id}"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate PDF prints: the CAC and who signs for it."""

    organisation_name = models.CharField(
        max_length=150, default="Children's Advocacy Center of Bristol County"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty: the site's own mark is printed.",
    )
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(
        max_length=150, blank=True, help_text="e.g. Executive Director"
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A scan of the signature on a white or transparent background.",
    )
    ce_statement = models.CharField(
        "CE statement",
        max_length=300,
        blank=True,
        help_text="Printed under the hours of training. Empty: “A certificate of "
        "completion for N hours of training.” Once an accrediting body approves "
        "the module for continuing education, say so here, with its approval number.",
    )

    select_related = ["logo", "signature"]
    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature"),
            ],
            heading="Signed by",
        ),
        FieldPanel("ce_statement", widget=forms.Textarea(attrs={"rows": 3})),
    ]

    class Meta:
        verbose_name = "certificate settings"
