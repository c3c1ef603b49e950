"""The address a request came from, as the lockout counts it.

Behind the TLS proxy that production requires, ``REMOTE_ADDR`` is the
proxy's own address: counting failed sign-ins by it would let anyone who
knows an email address lock its owner out. When ``CLIENT_ADDRESS_HEADER``
names the header the proxy sets (e.g. ``X-Forwarded-For``), the address is
read from it: the entry ``TRUSTED_PROXY_COUNT`` places from the right, which
is the one our own proxies added (entries further left are whatever the
client chose to send). With ``TRUSTED_PROXY_ADDRESSES`` set, the header is
believed only from those addresses. Without a header configured, the header
is ignored, so a client cannot choose its own address."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "")
    if not header:
        return remote
    trusted = getattr(settings, "TRUSTED_PROXY_ADDRESSES", [])
    if trusted and remote not in trusted:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    parts = [part.strip() for part in request.META.get(key, "").split(",") if part.strip()]
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    if len(parts) < count:
        return remote
    candidate = parts[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
