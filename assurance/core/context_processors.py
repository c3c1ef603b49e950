from django.conf import settings

from .registry import nav_items_for


def service(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "nav_items": nav_items_for(user) if user and user.is_authenticated else [],
        # Pages about a marked record override this with the record's own marking.
        "marking": "OFFICIAL",
    }
