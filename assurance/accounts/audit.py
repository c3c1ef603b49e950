"""The audit trail administrators read: sign-ins, failures, lockouts, role
changes, downloads of OFFICIAL-SENSITIVE material and reopenings of issued
records. ``audit_record`` is the one way to add to it; the auth and lockout
signals are connected in ``AccountsConfig.ready``."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .client_address import client_address
from .models import AuditEvent, AuditKind

SENSITIVE = "OFFICIAL-SENSITIVE"


def audit_record(
    *, kind: str, summary: str, request=None, actor=None, email: str = "", organisation=None
) -> AuditEvent:
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        kind=kind,
        summary=summary[:500],
        actor=actor if actor is not None and actor.is_authenticated else None,
        email=(email or getattr(actor, "email", ""))[:254],
        address=client_address(request)[:45] if request is not None else "",
        organisation=organisation,
    )


def audit_download(request, *, marking: str, what: str, organisation=None) -> None:
    """Record a download if what was downloaded is OFFICIAL-SENSITIVE."""
    if marking == SENSITIVE:
        audit_record(
            kind=AuditKind.SENSITIVE_DOWNLOAD,
            summary=f"Downloaded {what}",
            request=request,
            organisation=organisation,
        )


def on_sign_in(sender, request, user, **kwargs) -> None:
    # Single sign-on marks the request with the provider's name before login().
    provider = getattr(request, "sso_provider_name", "") if request is not None else ""
    summary = f"Signed in through {provider}" if provider else "Signed in"
    audit_record(kind=AuditKind.SIGN_IN, summary=summary, request=request, actor=user)


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    email = str(credentials.get("username", ""))
    audit_record(
        kind=AuditKind.SIGN_IN_FAILED, summary="Sign-in failed", request=request, email=email
    )


def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit_record(
        kind=AuditKind.LOCKED_OUT,
        summary=f"Locked out after repeated failures from {ip_address}",
        request=request,
        email=str(username or ""),
    )


def audit_events(*, kind: str = "", text: str = "", since=None, until=None) -> QuerySet:
    events = AuditEvent.objects.select_related("actor", "organisation")
    if kind:
        events = events.filter(kind=kind)
    if text:
        events = events.filter(
            Q(email__icontains=text)
            | Q(actor__full_name__icontains=text)
            | Q(summary__icontains=text)
            | Q(address__icontains=text)
        )
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events
