from organisations.models.assignments import (
    ArchiveStatus,
    Assignment,
    AssignmentReminder,
    CertificateArchive,
    ManagerSummary,
    ReminderStep,
)
from organisations.models.classes import ClassLearner, YouthClass
from organisations.models.organisations import (
    Invitation,
    InvitationKind,
    MemberGroup,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from organisations.models.sessions import (
    Attendance,
    AttendanceMethod,
    Registration,
    SessionFormat,
    TrainingSession,
)

__all__ = [
    "ArchiveStatus",
    "Assignment",
    "AssignmentReminder",
    "Attendance",
    "AttendanceMethod",
    "CertificateArchive",
    "ClassLearner",
    "Invitation",
    "InvitationKind",
    "ManagerSummary",
    "MemberGroup",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Registration",
    "ReminderStep",
    "Role",
    "SessionFormat",
    "TrainingSession",
    "YouthClass",
]
