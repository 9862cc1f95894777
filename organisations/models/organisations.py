"""Schools and agencies the CAC trains, and the people who belong to them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    HEALTH_CARE = "health_care", _("Health care")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    SOCIAL_SERVICES = "social_services", _("Social services")
    FAITH = "faith", _("Faith")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """Created by CAC trainers in the admin; managed by its managers on the site."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    town = models.CharField(max_length=100, blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})" if self.town else self.name


class MemberGroup(models.Model):
    """A named part of an organisation that training can be assigned to,
    e.g. "Nurses, 3rd floor"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_group_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Manager")


class Membership(models.Model):
    """A user in an organisation. Leaving deletes the row: the organisation then
    sees nothing more of the person (their certificates stay theirs)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    group = models.ForeignKey(
        MemberGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_user"
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER


class InvitationKind(models.TextChoices):
    EMAIL = "email", _("Email to one person")  # single use
    LINK = "link", _("Shareable link")  # many uses, until it expires or is revoked


class Invitation(models.Model):
    """An invitation to join an organisation, by email or as a shareable link.

    The token is random (secrets, 192 bits) and looked up in the database, so
    a link can be revoked; it expires at `expires_at`. An email invitation is
    created unsent (`sent_at` empty) and goes out only once its sender confirms.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField(max_length=10, choices=InvitationKind.choices)
    token = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(blank=True)  # empty for a shareable link
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    group = models.ForeignKey(
        MemberGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)  # email kind only
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "email"])]

    def __str__(self) -> str:
        return f"Invitation to {self.organisation} ({self.email or 'link'})"
