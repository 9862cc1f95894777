from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "audiences"
    verbose_name = "Audiences and site pages"

    def ready(self):
        from audiences import navigation  # noqa: F401  (connects the receivers)
