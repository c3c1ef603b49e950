"""Responses never kept by a cache, and sessions that end on time."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page shown to someone signed in and
    on every generated file or download: OFFICIAL-SENSITIVE material must not
    stay in a shared computer's cache or in a proxy after sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = "attachment" in response.get("Content-Disposition", "")
        if signed_in or download:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class SessionLifetimeMiddleware:
    """Sign out a session idle for ``SESSION_IDLE_TIMEOUT`` seconds, and any
    session older than ``SESSION_ABSOLUTE_LIFETIME`` however busy, as suits
    OFFICIAL-SENSITIVE material on shared or unattended computers."""

    STARTED, SEEN = "_pda_started", "_pda_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(request, "You were signed out to protect your information.")
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
        return self.get_response(request)

    def _expired(self, request) -> bool:
        now = int(time.time())
        session = request.session
        started = session.setdefault(self.STARTED, now)
        seen = session.get(self.SEEN, now)
        if now - seen > settings.SESSION_IDLE_TIMEOUT:
            return True
        if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
            return True
        if now - seen >= 60 or self.SEEN not in session:  # a write a minute at most
            session[self.SEEN] = now
            from assurance.accounts.devices import signed_in_session_record

            signed_in_session_record(actor=request.user, request=request)
        return False
