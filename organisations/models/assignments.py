"""Training an organisation asks its members to do, by a date."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Assignment(models.Model):
    """One module assigned to all members of an organisation, or to one group.

    New members get it as they join (it is read from the membership, not copied).
    With `renew_every_months`, a completion older than that is due again.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    # The English module: learner records are kept on it (training/canonical.py).
    module = models.ForeignKey(
        "training.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "organisations.MemberGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
        help_text="Empty: every member.",
    )
    due_on = models.DateField()
    renew_every_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.module_id} for {self.organisation} by {self.due_on}"


class ReminderStep(models.IntegerChoices):
    """The emails a member gets about one due date, each at most once."""

    WEEK_BEFORE = 0, "7 days before"
    DUE_DAY = 1, "on the due date"
    OVERDUE_1 = 2, "1 week overdue"
    OVERDUE_2 = 3, "2 weeks overdue"
    OVERDUE_3 = 4, "3 weeks overdue"
    OVERDUE_4 = 5, "4 weeks overdue"


class AssignmentReminder(models.Model):
    """A reminder sent; the constraint makes a second run send nothing twice."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reminders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The due date the reminder was about: a renewal cycle has its own steps.
    due_on = models.DateField()
    step = models.PositiveSmallIntegerField(choices=ReminderStep.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "due_on", "step"],
                name="one_assignment_reminder_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"step {self.step} for {self.user_id} on assignment {self.assignment_id}"


class ManagerSummary(models.Model):
    """The weekly "who is overdue" email to a manager, once per week."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week_of = models.DateField()  # the Monday of the week it covers
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "manager", "week_of"],
                name="one_manager_summary_per_week",
            )
        ]

    def __str__(self) -> str:
        return f"summary for {self.manager_id}, week of {self.week_of}"


class ArchiveStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class CertificateArchive(models.Model):
    """A ZIP of the certificates members hold for one assignment, built by a task.

    The request creates the row and starts the task; the page reads `done` of
    `total` until it is ready. The ZIP is kept in the row itself: it is private
    to the organisation, and needs no media storage that could be served
    publicly. Read the row with `.defer("content")` except to download.
    """

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="archives"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ArchiveStatus.choices, default=ArchiveStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    content = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"certificates of assignment {self.assignment_id} ({self.status})"
