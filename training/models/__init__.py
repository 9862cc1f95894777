from training.models.certificates import (
    Certificate,
    CertificateSettings,
    CertificateStatus,
    RenewalReminder,
)
from training.models.pages import LessonPage, TrainingModulePage
from training.models.progress import LessonCompletion

__all__ = [
    "Certificate",
    "CertificateSettings",
    "CertificateStatus",
    "LessonCompletion",
    "LessonPage",
    "RenewalReminder",
    "TrainingModulePage",
]
