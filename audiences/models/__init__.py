from audiences.models.pages import Audience, AudiencePage, HomePage, StandardPage
from audiences.models.settings import SafetySettings
from audiences.models.training_request import TrainingRequestField, TrainingRequestPage

__all__ = [
    "Audience",
    "AudiencePage",
    "HomePage",
    "SafetySettings",
    "StandardPage",
    "TrainingRequestField",
    "TrainingRequestPage",
]
