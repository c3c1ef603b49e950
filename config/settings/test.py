"""Test runs: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR, env
from .shared_state import local_cache_config

SECRET_KEY = "test-only-not-secret"
DEBUG = False
DEMO_ACCOUNTS_ALLOWED = True
SITE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_STORAGE_ROOT = Path(
    env.str("TEST_PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "test-private"))
)
if STORAGES["private"]["BACKEND"].endswith("FileSystemStorage"):  # noqa: F405
    STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_STORAGE_ROOT)  # noqa: F405
# One process: a local cache, unless a test (two web nodes) asks for a shared one.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
    "local": local_cache_config(),
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
if env.str("DATABASE_URL", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="test_pda")}  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Tests that move the clock (reminders, overdue milestones) must not find their
# session expired: the lifetime tests set these limits themselves.
SESSION_IDLE_TIMEOUT = SESSION_ABSOLUTE_LIFETIME = REAUTHENTICATE_AFTER = 100 * 365 * 24 * 60 * 60
