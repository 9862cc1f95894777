from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        # Registers the <id:...> URL converter before any URLconf is read.
        from config import converters  # noqa: F401
        from training import signals  # noqa: F401  (connects the receivers)
