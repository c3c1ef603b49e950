"""Local development: DEBUG on, a fixed throwaway key, demo accounts allowed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-secret")
DEMO_ACCOUNTS_ALLOWED = True
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
