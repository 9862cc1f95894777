"""Local development: debug on, emails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# `make setup` creates this trainer so a newcomer can open /admin/ at once.
CREATE_DEV_TRAINER = True
DEV_TRAINER_EMAIL = "trainer@example.org"
DEV_TRAINER_PASSWORD = "train-the-trainers"  # noqa: S105
# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# `make run` opens the CMS with a password only, so a newcomer can look around.
# Never in production: staff must enrol a second factor there.
REQUIRE_STAFF_MFA = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http://127.0.0.1 during development
