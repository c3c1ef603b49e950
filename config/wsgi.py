import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

from assurance.core.startup import settle_after_start_up  # noqa: E402 - needs Django set up

settle_after_start_up()
