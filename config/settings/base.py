"""Settings shared by every environment; the others only override what differs."""

import os
from pathlib import Path

import dj_database_url

from config.cache_backends import cache_from_url
from config.csp import PUBLIC_POLICY

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "accounts",
    "audiences",
    "training",
    "quizzes",
    "translations",
    "organisations",
    "insights",
    "pagecache",
    "jobs",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "translations.middleware.RememberedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Inside CSRF (which sets each visitor's cookie on a cached page's way out),
    # outside everything a first-time visitor's page does not need.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.SiteCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "training.learners.LearnerMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # site/templates comes first so it can restyle allauth's and Django's pages.
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "audiences.context_processors.safety",
            ],
        },
    },
]

# DATABASE_URL unset means the SQLite file next to manage.py.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A connection the database dropped (a restart) is noticed and replaced
        # at the next request instead of failing it: the site recovers alone.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the lock (up to 20 s) instead of failing with
    # "database is locked": transactions take the write lock when they begin,
    # and WAL lets readers go on while one request writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en"
# English is the source; Spanish and Portuguese are translations (/es/, /pt/).
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt", "Português")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Pages, quizzes and the request form are translated in Wagtail; wagtail-localize
# gives trainers the segment editor, PO export/import and sync.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "America/New_York"
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes; a load test points it at its own folder.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Where private files live (stored certificate PDFs, ZIP exports): never under
# MEDIA_URL, only ever handed out by a view that checks who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# S3-compatible object storage (django-storages) when a bucket is named: public
# media (images, documents) under media/, private files under private/ with
# signed, short-lived URLs and no public ACL.
if AWS_STORAGE_BUCKET_NAME := os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "media", "querystring_auth": False},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }

# Pages for visitors without a session are kept this long at most (pagecache/);
# a publish, a snippet or a setting saved makes them new at once. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# REDIS_URL (or CACHE_URL) shares the cache, and with it the rate limits and
# sessions, between processes; unset, each process keeps its own in memory.
# config/cache_backends.py keeps the site serving when Redis is down.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
CACHES = {"default": cache_from_url(CACHE_URL)}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background work (django-tasks; ARCHITECTURE.md): jobs wait in the database
# (django-tasks-db) for `manage.py db_worker`, which `make run` starts beside
# the server, so ZIPs and emails never run inside a request. TASKS_BACKEND picks
# another backend (the immediate one runs the work in the request again).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "CAC of Bristol County <training@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where requests for an in-person training are emailed.
TRAINING_REQUEST_EMAIL = os.environ.get("TRAINING_REQUEST_EMAIL", "training@localhost")

# Big enough for a 20-question quiz or a GIFT upload, small enough to refuse abuse.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Anonymous (youth) progress is kept this long after the learner's last step,
# and the session that finds it lives as long; `purge_anonymous_progress`
# deletes the rest.
ANONYMOUS_PROGRESS_DAYS = 30
SESSION_COOKIE_AGE = 60 * 60 * 24 * ANONYMOUS_PROGRESS_DAYS
# Sessions are read from the cache first: one query fewer on every learner page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = PUBLIC_POLICY  # see config/csp.py for the admin's policy
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- allauth: email is the login, verified before first use ---
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.EnumerationSafeSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Logged in on confirming, in the browser that signed up (allauth checks the
# session), and sent back to the page they were starting (accounts/adapter.py).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CAC training] "
ACCOUNT_RATE_LIMITS = {
    # "key" is the address and the account together (accounts/adapter.py): a
    # stranger's failures must not lock the owner out from their own address.
    "login_failed": "10/m/ip,5/5m/key",
    # Every sign-in, right or wrong (allauth's default is 30/m/ip). A school's
    # staff meeting signs in together from one address; guessing is held by
    # login_failed above, so this only stops a flood.
    "login": "120/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # The site's own (config/ratelimits.py): certificate lookups on the public
    # verify page, copies a learner can email themselves, training requests.
    "certificate_verify": "20/m/ip",
    "certificate_email": "5/h/key",
    "training_request": "5/h/ip",
    # A manager sending invitations (one address, a confirmed list, a resend):
    # per account, so a stolen manager session cannot mail thousands of people.
    "organisation_invite": "20/h/key",
    # "Remind those not done" on the dashboard: once a day per assignment.
    "organisation_remind": "1/d/key",
    # Check-in tries per account and per address: a session's code cannot be
    # guessed in the minutes it is open.
    "session_checkin": "10/10m/key,30/m/ip",
    # Class codes typed by youth: generous, because a classroom shares one
    # school address; 25^8 codes keep guessing hopeless at this rate.
    "class_join": "60/m/ip,600/h/ip",
}
# Behind a proxy (the TLS terminator), every request comes from its address:
# without this, each per-address limit above would be one count for the whole
# county. TRUSTED_PROXY_COUNT is how many proxies of ours append to
# X-Forwarded-For (1 for one load balancer); 0 trusts no header.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "CAC training"
# Anyone who can open /admin/ must have enrolled TOTP or a security key
# (accounts/middleware.py). Only config/settings/dev.py turns this off.
REQUIRE_STAFF_MFA = True
MFA_PASSKEY_LOGIN_ENABLED = False

# --- Wagtail ---
WAGTAIL_SITE_NAME = "CAC of Bristol County - CSEC training"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Every login, the admin's included, goes through allauth (rate limits, MFA).
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents always download, never render in the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "txt", "vtt", "mp4", "webm"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # across all frames of an animation
WAGTAILIMAGES_IMAGE_FORM_BASE = "training.image_forms.ImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin loads nothing from another host either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Lesson rich text: what Draftail offers is what training/sanitize.py lets out.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]
        },
    }
}

# Certificates: the most PDFs a trainer can zip at once (each renders in ~40-150 ms).
CERTIFICATE_ZIP_MAX = 250

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
