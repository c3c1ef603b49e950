"""Sensitive actions need a recent sign-in.

Decorate a view with ``@recent_sign_in_required`` (below its access
declaration, e.g. under ``@requires(Action.X)``). On a POST, if the person last proved
their password more than ``REAUTHENTICATE_AFTER`` seconds ago, they are asked
for it again (``accounts:confirm_password``) and brought back to the page.
Signing in (through the form or ``force_login``) counts as proving it."""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

AUTHENTICATED_AT = "_pda_authenticated_at"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def mark_authenticated(request) -> None:
    request.session[AUTHENTICATED_AT] = int(time.time())


def on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)


def recently_authenticated(request) -> bool:
    at = request.session.get(AUTHENTICATED_AT, 0)
    return time.time() - at <= settings.REAUTHENTICATE_AFTER


def recent_sign_in_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not recently_authenticated(request):
            # A POST's data is not kept: the person comes back to the page and sends it again.
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:confirm_password')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped
