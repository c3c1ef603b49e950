"""Signed-in devices: every browser a person is signed in on, and signing out
of all of them but this one."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .client_address import client_address
from .models import SignedInSession, User


def _describe(request) -> dict:
    return {
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        "address": client_address(request)[:45],
        "last_seen_at": timezone.now(),
    }


def signed_in_session_record(*, actor: User, request) -> None:
    """Called when someone signs in, and once a minute while they use the service."""
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    SignedInSession.objects.update_or_create(
        session_key=key, defaults={"user": actor, **_describe(request)}
    )


def on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        from assurance.core.middleware import SessionLifetimeMiddleware as lifetime

        now = int(time.time())
        # Started and seen now, so the first page after signing in writes nothing more.
        request.session[lifetime.STARTED] = request.session[lifetime.SEEN] = now
        signed_in_session_record(actor=user, request=request)


def on_sign_out(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def signed_in_sessions_of(user: User):
    """The person's live sessions (records of sessions that have ended are dropped)."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    SignedInSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    return SignedInSession.objects.filter(user=user).order_by("-last_seen_at", "-pk")


@transaction.atomic
def sessions_sign_out_elsewhere(*, actor: User, current_key: str) -> int:
    """End every session of ``actor`` but the current one; the number ended."""
    others = SignedInSession.objects.filter(user=actor).exclude(session_key=current_key)
    keys = list(others.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    others.delete()
    return len(keys)
