"""GovFlex settings, read from the environment.

GOVFLEX_ENV: ``development`` (default), ``test`` or ``production``.
DATABASE_URL: SQLite under ``var/`` by default; ``postgres://user@host:5432/name`` for PostgreSQL.
SECRET_KEY: required in production; generated into ``var/`` otherwise.
See README.md, "Configuration", for the full list.
"""

import datetime as dt
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "corsheaders",
    "csp",
    "govflex.common",
    "govflex.accounts",
    "govflex.org",
    "govflex.policies",
    "govflex.arrangements",
    "govflex.attendance",
    "govflex.notifications",
    "govflex.work",
    "govflex.surveys",
    "govflex.continuity",
    "govflex.eservice",
    "govflex.insights",
    "govflex.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "govflex.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "govflex.accounts.ratelimit.ApiRateLimitMiddleware",
    "govflex.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "govflex.accounts.signin_middleware.SessionExpiryMiddleware",
    "govflex.accounts.signin_middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the locked-out page
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
# Each `govflex worker` beats this often; a task whose worker has not beaten for the lease is
# queued again, up to the attempts (govflex.common.workers, docs/reliability.md).
GOVFLEX_WORKER_HEARTBEAT_SECONDS = env_int("GOVFLEX_WORKER_HEARTBEAT_SECONDS", default=10)
GOVFLEX_WORKER_LEASE_SECONDS = env_int("GOVFLEX_WORKER_LEASE_SECONDS", default=60)
GOVFLEX_TASK_MAX_ATTEMPTS = env_int("GOVFLEX_TASK_MAX_ATTEMPTS", default=3)
# Loops `govflex worker` runs beside the task queue: callables (stop_event, *, once=False).
GOVFLEX_WORKER_LOOPS = [
    "govflex.attendance.live.run_live_evaluator",
    "govflex.surveys.tasks.run_upkeep_loop",
    "govflex.insights.summaries.run_summariser",
    "govflex.privacy.tasks.run_daily_loop",  # retention purge and audit-chain check, daily
]

# ------------------------------------------------------------------ auth
# Sign-in security: docs/security.md. Passwords after NIST SP 800-63B (no composition rules, no
# forced rotation); the validators live in govflex.accounts.passwords.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "govflex.accounts.passwords.LengthValidator",
        "OPTIONS": {
            "min_length": env_int("GOVFLEX_PASSWORD_MIN_LENGTH", default=8),
            "privileged_min_length": env_int("GOVFLEX_PASSWORD_MIN_LENGTH_PRIVILEGED", default=12),
            "max_length": 128,
        },
    },
    {"NAME": "govflex.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "govflex.accounts.passwords.UserAttributeSimilarityValidator"},
]
AUTHENTICATION_BACKENDS = [
    "govflex.accounts.lockout.LockoutBackend",  # django-axes: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]
# Two-factor sign-in (TOTP) for HR officers, executives, auditors and administrators. On by
# default in production; off by default in development so `make run`'s demo logins work with
# a password alone. Tests switch it on where they test it.
GOVFLEX_REQUIRE_2FA = env_bool("GOVFLEX_REQUIRE_2FA", default=not DEVELOPMENT)
OTP_TOTP_ISSUER = os.environ.get("GOVFLEX_OTP_ISSUER", "GovFlex")
# Lockout: 5 wrong passwords for one username from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = env_int("GOVFLEX_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("GOVFLEX_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govflex.accounts.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "govflex.accounts.clientip.client_ip"
AXES_VERBOSE = False
# Reverse proxies of ours in front of the app (X-Forwarded-For entries trusted from the right).
GOVFLEX_PROXY_COUNT = env_int("GOVFLEX_PROXY_COUNT", default=0)
# Sessions end after this idle time (shorter for privileged roles) and this total lifetime.
GOVFLEX_SESSION_IDLE_MINUTES = env_int("GOVFLEX_SESSION_IDLE_MINUTES", default=120)
GOVFLEX_SESSION_IDLE_MINUTES_PRIVILEGED = env_int(
    "GOVFLEX_SESSION_IDLE_MINUTES_PRIVILEGED", default=30
)
GOVFLEX_SESSION_MAX_HOURS = env_int("GOVFLEX_SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=GOVFLEX_SESSION_MAX_HOURS * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
API_TOKEN_DEFAULT_DAYS = env_int("GOVFLEX_API_TOKEN_DAYS", default=90)
# API rate limits, requests per minute (0 = off; off by default outside production).
GOVFLEX_API_RATE_PER_TOKEN = env_int(
    "GOVFLEX_API_RATE_PER_TOKEN", default=0 if DEVELOPMENT else 600
)
GOVFLEX_API_RATE_PER_ADDRESS = env_int(
    "GOVFLEX_API_RATE_PER_ADDRESS", default=0 if DEVELOPMENT else 1200
)
GOVFLEX_RATE_LIMIT_CACHE = "default"

# Optional OpenID Connect sign-in (mozilla-django-oidc), on when the provider is configured.
OIDC_RP_CLIENT_ID = os.environ.get("GOVFLEX_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("GOVFLEX_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("GOVFLEX_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("GOVFLEX_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("GOVFLEX_OIDC_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("GOVFLEX_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("GOVFLEX_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("GOVFLEX_OIDC_SCOPES", "openid email profile")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
GOVFLEX_OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT
)
GOVFLEX_OIDC_STAFF_ID_CLAIM = os.environ.get("GOVFLEX_OIDC_STAFF_ID_CLAIM", "")
GOVFLEX_OIDC_LABEL = os.environ.get("GOVFLEX_OIDC_LABEL", "")
GOVFLEX_OIDC_TRUSTS_MFA = env_bool("GOVFLEX_OIDC_TRUSTS_MFA", default=False)
if GOVFLEX_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("govflex.accounts.oidc.OrganisationOIDCBackend")

# CORS: closed (no CORS headers at all) unless origins are listed; API paths only.
CORS_ALLOWED_ORIGINS = env_list("GOVFLEX_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = False  # integrators send tokens, not cookies

# One cache for every app server (rate limits); per-process memory unless GOVFLEX_CACHE_URL.
if os.environ.get("GOVFLEX_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GOVFLEX_CACHE_URL"],
        }
    }

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
# Production passes `govflex check --deploy` without warnings (docs/deploy.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEVELOPMENT:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Behind a TLS proxy that sets X-Forwarded-Proto (and strips it from clients); set
    # GOVFLEX_TRUST_X_FORWARDED_PROTO=false when the app terminates TLS itself.
    if env_bool("GOVFLEX_TRUST_X_FORWARDED_PROTO", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload directive only permits listing the domain; its owner decides to submit it.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload off by the operator's choice
# Content-Security-Policy (django-csp) everywhere, development too, so a page that needs an
# inline script or style breaks in development first: no 'unsafe-inline', no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

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
