from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Certificates ask how a learner was trained; live sessions answer.
        from organisations import deliveries  # noqa: F401
