"""Settings shared by every environment. Every value that differs between
environments is read from the environment; overlays (local, test, production)
only change defaults."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from .shared_state import cache_config, local_cache_config, private_storage_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where people reach the service, e.g. https://assurance.example.gov.uk: every
# link in an email is built from it, because an email (or a scheduled job that
# sends one) has no request to take the address from.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

SERVICE_NAME = "Prevent Duty Assurance"
SERVICE_PHASE = env.str("SERVICE_PHASE", default="Beta")
# Allows seed_demo to create accounts with a published password. Never set in production.
DEMO_ACCOUNTS_ALLOWED = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "assurance.core",
    "assurance.accounts",
    "assurance.organisations",
    "assurance.frameworks",
    "assurance.evidence",
    "assurance.assessments",
    "assurance.recommendations",
    "assurance.oversight",
    "assurance.delivery",
    "assurance.documents",
    "assurance.selfassessment",
    "assurance.reviews",
    "assurance.sso",
    "assurance.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Each request reads the shared data version afresh (core/freshness.py).
    "assurance.core.freshness.DataVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Sets request.user.is_verified(): has this session passed a second factor?
    "django_otp.middleware.OTPMiddleware",
    "assurance.core.middleware.NoStoreMiddleware",
    "assurance.accounts.middleware.ViewAccessMiddleware",
    "assurance.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "assurance.core.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below CSPMiddleware so that its additions are seen when the header is written.
    "assurance.sso.csp.ProviderSignOutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assurance.core.context_processors.service",
            ],
            "builtins": ["assurance.core.templatetags.govuk"],
        },
    }
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Five failures in a row for one account from one address lock that pair out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Failures count per account AND address, so a third party elsewhere cannot lock
# an account's owner out; a password reset lifts the lock at once.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "assurance.accounts.client_address.client_address"
# Behind a proxy: the header it sets with the client's address, how many of our
# proxies append to it, and (optionally) their addresses. Empty: REMOTE_ADDR.
CLIENT_ADDRESS_HEADER = env.str("CLIENT_ADDRESS_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
TRUSTED_PROXY_ADDRESSES = env.list("TRUSTED_PROXY_ADDRESSES", default=[])
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Evidence and issued letters live here, outside the web root, served only by views.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private")))
# Every read and write of a private file goes through storages["private"]:
# the filesystem here, or S3-compatible object storage (PRIVATE_STORAGE=s3).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": private_storage_config(env, VAR_DIR / "private"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@prevent-assurance.invalid")
# "each": one reminder email per recommendation; "digest": one email per person
# listing all their items (schedule `manage.py send_reminders` weekly).
RECOMMENDATION_REMINDERS = env.str("RECOMMENDATION_REMINDERS", default="each")

# Nothing of a request's state lives on one web node (docs/operations.md):
# sessions in the database, the cache in the database or Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {"default": cache_config(env), "local": local_cache_config()}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
# Signed out after 30 minutes without a request, and 8 hours after signing in
# however busy (core.middleware.SessionLifetimeMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=8 * 60 * 60)
# Issuing, granting roles and other sensitive actions ask for the password again
# when it was last given longer ago than this (accounts.reauthentication).
REAUTHENTICATE_AFTER = env.int("REAUTHENTICATE_AFTER", default=15 * 60)
# Two-factor authentication (accounts/second_factor.py, docs/two-factor.md).
OTP_TOTP_ISSUER = SERVICE_NAME
# Wrong codes slow the next attempt down: 1, 2, 4, 8… seconds, kept on the device.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Security keys are a second factor only, never a way to sign in without a password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = SERVICE_NAME
# The relying party is the host name people use, and the origins pages come from
# (https only, but http://localhost for development).
OTP_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default="localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "WEBAUTHN_ALLOWED_ORIGINS",
    default=[o for o in CSRF_TRUSTED_ORIGINS if o.startswith("https://")]
    or ["http://localhost:8000"],
)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Single sign-on providers an operator configures (beside those in the admin):
# a JSON list of {"key", "name", "issuer", "client_id", "client_secret",
# "email_domains": [...]}. See docs/operations.md.
OIDC_PROVIDERS = env.json("OIDC_PROVIDERS", default=[])
# Origins, beyond each provider's issuer, that its sign-in or sign-out pages
# redirect through (e.g. a federated sign-in service): the forms that end at a
# provider must be allowed to go there (CSP form-action).
SSO_EXTRA_FORM_ACTION = env.list("SSO_EXTRA_FORM_ACTION", default=[])

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "assurance.api.authentication.ApiTokenAuthentication",
        "assurance.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["assurance.api.access.HoldsAction"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "assurance.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["assurance.api.throttling.TokenRateThrottle"],
    # Per token, counted in the default cache (shared by every web node when
    # the cache is the database or Redis).
    "DEFAULT_THROTTLE_RATES": {"api_token": env.str("API_TOKEN_RATE", default="1200/hour")},
    "EXCEPTION_HANDLER": "assurance.api.exceptions.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Prevent Duty Assurance API",
    "DESCRIPTION": (
        "Read and write assurance records of the organisations your role covers. "
        "Authenticate with a personal token (Authorization: Bearer …) made on your account page."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "APPEND_COMPONENTS": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    "SECURITY": [{"token": []}],
    # Several records have a "status" with choices of their own: name each set.
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "assurance.assessments.rules.Status",
        "RecommendationStatusEnum": "assurance.recommendations.models.Status",
        "SourceStatusEnum": "assurance.recommendations.models.SourceStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "expected_refusals": {"()": "assurance.core.logging.ExpectedRefusalsWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["expected_refusals"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
FORM_RENDERER = "assurance.ui.forms.GovukRenderer"
