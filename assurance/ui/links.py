"""Absolute links for emails. An email is read away from the service, and is
often sent by a scheduled job with no request to take an address from, so
every link in one is built from the SITE_URL setting."""

from django.conf import settings
from django.urls import reverse


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute_url(name: str, *args) -> str:
    """The full address of a named page, e.g. https://host/recommendations/4/."""
    return site_url() + reverse(name, args=args)
