"""GovFlex settings, read from the environment.

GOVFLEX_ENV: ``development`` (default), ``test`` or ``production``.
DATABASE_URL: SQLite under ``var/`` by default; ``postgres://user@host:5432/name`` for PostgreSQL.
SECRET_KEY: required in production; generated into ``var/`` otherwise.
See README.md, "Configuration", for the full list.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from govflex.config.env import ConfigurationError, env_bool, env_int, env_list, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("GOVFLEX_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("GOVFLEX_VAR_DIR", BASE_DIR / "var")).resolve()

GOVFLEX_ENV = os.environ.get("GOVFLEX_ENV", "development").strip().lower()
if GOVFLEX_ENV not in {"development", "test", "production"}:
    raise ConfigurationError("GOVFLEX_ENV must be development, test or production")
DEVELOPMENT = GOVFLEX_ENV != "production"

SECRET_KEY = secret_key(VAR_DIR, development=DEVELOPMENT)
DEBUG = env_bool("DEBUG", default=GOVFLEX_ENV == "development")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEVELOPMENT else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs from vendored static files, not a CDN
    "govflex.common",
    "govflex.accounts",
    "govflex.org",
    "govflex.policies",
    "govflex.arrangements",
    "govflex.attendance",
    "govflex.notifications",
    "govflex.work",
    "govflex.continuity",
    "govflex.eservice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "govflex.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "govflex.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "govflex.config.urls"
WSGI_APPLICATION = "govflex.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govflex.org.context_processors.access",
                "govflex.notifications.context_processors.notifications",
            ],
            "builtins": ["govflex.common.templatetags.thai"],
        },
    },
]

# ------------------------------------------------------------------ database
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'govflex.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (timeout)
        # instead of failing with "database is locked" half-way through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------ i18n: Thai first
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "govflex_language"
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

# ------------------------------------------------------------------ static and media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GOVFLEX_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEVELOPMENT
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEVELOPMENT
if DEVELOPMENT:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
GOVFLEX_IMPORT_MAX_BYTES = env_int("GOVFLEX_IMPORT_MAX_BYTES", default=30 * 1024 * 1024)
# Imports with at least this many rows run as a background task with a progress bar.
GOVFLEX_IMPORT_BACKGROUND_ROWS = env_int("GOVFLEX_IMPORT_BACKGROUND_ROWS", default=10_000)

# ------------------------------------------------------------------ background tasks
TASKS = {
    "default": {
        "BACKEND": os.environ.get("GOVFLEX_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Live day results: punches queue their person-day and the worker's live evaluator judges them
# in batches; inline judges each in the punch's own request (tests, a demo without a worker).
GOVFLEX_EVALUATE_INLINE = env_bool("GOVFLEX_EVALUATE_INLINE", default=False)
# Notifications also go by e-mail to readers with an address; links use this base URL.
GOVFLEX_NOTIFY_EMAIL = env_bool("GOVFLEX_NOTIFY_EMAIL", default=True)
GOVFLEX_BASE_URL = os.environ.get("GOVFLEX_BASE_URL", "http://127.0.0.1:8000")
# Loops `govflex worker` runs beside the task queue: callables (stop_event, *, once=False).
GOVFLEX_WORKER_LOOPS = ["govflex.attendance.live.run_live_evaluator"]

# ------------------------------------------------------------------ auth
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
API_TOKEN_DEFAULT_DAYS = env_int("GOVFLEX_API_TOKEN_DAYS", default=90)

# ------------------------------------------------------------------ e-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEVELOPMENT
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "govflex@localhost")

# ------------------------------------------------------------------ security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEVELOPMENT:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)

# ------------------------------------------------------------------ logging
LOG_FORMAT = os.environ.get("GOVFLEX_LOG_FORMAT", "text" if DEVELOPMENT else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "govflex.common.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GOVFLEX_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
