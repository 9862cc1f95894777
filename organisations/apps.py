from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Certificates ask how a learner was trained; live sessions answer.
        # Audience pages list their public sessions; My training, assignments.
        from organisations import audience_sections, deliveries, panels  # noqa: F401
