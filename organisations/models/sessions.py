"""The CAC's live trainings: sessions, who registered and who attended."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SessionFormat(models.TextChoices):
    # Values match training.deliveries.DeliveryFormat, which certificates record.
    IN_PERSON = "live_in_person", _("In person")
    ONLINE = "live_online", _("Online (live)")


class TrainingSession(models.Model):
    """A live training: a module taught in a room or online, or a presentation
    for an audience. Public unless it belongs to an organisation."""

    module = models.ForeignKey(
        "training.TrainingModulePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The module taught (attendance counts for its lessons). Empty: "
        "a live presentation for the audience below.",
    )
    audience = models.ForeignKey(
        "audiences.Audience", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Empty: the module's title."
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    format = models.CharField(
        max_length=20, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    place = models.CharField(
        max_length=200, blank=True, help_text="Address or room; empty when online."
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    capacity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    ce_hours = models.DecimalField(
        "CE hours",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("40"))],
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text="Empty: a public session, listed on its audience's page.",
    )
    # The code attendees type at the session, valid between the two times.
    checkin_code = models.CharField(max_length=12, blank=True, editable=False)
    checkin_opens_at = models.DateTimeField(null=True, blank=True)
    checkin_closes_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.display_title}, {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"
        )

    @property
    def display_title(self) -> str:
        return self.title or (self.module.title if self.module_id else "")


class Registration(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_registration_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} registered for session {self.session_id}"


class AttendanceMethod(models.TextChoices):
    CODE = "code", _("Checked in with the code")
    ROSTER = "roster", _("Ticked on the roster")


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    method = models.CharField(max_length=10, choices=AttendanceMethod.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(default=timezone.now)
    # The lesson time this attendance credited (training/live_credit.py), so
    # removing a mistaken attendance takes back exactly that and no more:
    # [{"lesson": pk, "seconds": n, "created": bool}].
    credited_lessons = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_attendance_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} attended session {self.session_id}"
