"""The Content-Security-Policy's form-action also governs where a submitted
form may be redirected, so the forms that end at an identity provider (the
email-first page, and Sign out after single sign-on) need its origin allowed.
Only those origins are added, and only on the pages that need them."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

END_SESSION = "sso_end_session_url"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def allow_form_action(response, origins) -> None:
    # A provider that hands the person on to another origin of its own (a
    # federated sign-in page) needs that origin too: SSO_EXTRA_FORM_ACTION.
    origins = sorted({o for o in [*origins, *settings.SSO_EXTRA_FORM_ACTION] if o})
    if not origins:
        return
    update = dict(getattr(response, "_csp_update", None) or {})
    update["form-action"] = [*update.get("form-action", []), *origins]
    response._csp_update = update


class ProviderSignOutMiddleware:
    """After single sign-on every page's Sign out button ends at the
    provider's end-session endpoint: allow its origin as a form target."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        end_session = session.get(END_SESSION) if session is not None else None
        if end_session:
            allow_form_action(response, [origin_of(end_session)])
        return response
