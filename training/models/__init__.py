from training.models.certificates import (
    Certificate,
    CertificateSettings,
    CertificateStatus,
    RenewalReminder,
)
from training.models.feedback import ModuleFeedback
from training.models.pages import LessonPage, TrainingModulePage
from training.models.progress import LessonCompletion, LessonView

__all__ = [
    "Certificate",
    "CertificateSettings",
    "CertificateStatus",
    "LessonCompletion",
    "LessonPage",
    "LessonView",
    "ModuleFeedback",
    "RenewalReminder",
    "TrainingModulePage",
]
