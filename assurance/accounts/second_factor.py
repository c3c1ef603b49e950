"""The second step of signing in: what a session must have passed, and checking
a code typed in.

Signing in has two steps. The password step (Django's login) makes the session
signed in; for anyone with a confirmed device the session is then *unverified*
until a code from their authenticator app, a recovery code or a security key is
accepted (django-otp records the device in the session). ``SecondFactorMiddleware``
lets an unverified session reach only the pages of that second step, and sends
people who must use two-factor authentication (``permissions.must_use_second_factor``)
but have no device to set one up.

A session signed in through single sign-on whose identity provider says it used
multi-factor authentication (``"mfa"`` in ``session["sso_amr"]``, the ID token's
``amr`` claim) has passed the second factor there and is not asked again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import logout
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .audit import audit_record
from .models import AuditKind
from .permissions import must_use_second_factor

if TYPE_CHECKING:
    from .models import User

SSO_AMR = "sso_amr"
# Set at sign-in when the person neither has a device nor must have one, so
# their requests cost no device look-ups. Setting up a device verifies the session.
OPTIONAL = "_pda_second_factor_optional"

# What an unverified session may still do.
OPEN_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_verify",
        "accounts:webauthn_authentication_begin",
        "accounts:webauthn_authentication_complete",
        "accounts:webauthn_i18n",
    }
)
# What someone who must set up two-factor authentication may do before they have.
SET_UP_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_setup",
        "accounts:two_factor_recovery_codes",
        "accounts:confirm_password",
    }
)


def has_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def on_sign_in(sender, request, user, **kwargs) -> None:
    """After the password step: remember whether this session can skip the second."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(OPTIONAL, None)
    if not must_use_second_factor(user) and not has_device(user):
        request.session[OPTIONAL] = True


def sso_passed_mfa(request) -> bool:
    amr = request.session.get(SSO_AMR) or []
    return isinstance(amr, list | tuple) and "mfa" in amr


def passed(request) -> bool:
    """Has this signed-in session passed the second factor (or need none)?"""
    user = request.user
    if not user.is_authenticated:
        return False
    if sso_passed_mfa(request):
        return True
    # The flag saves looking for devices; a role that needs a second factor,
    # given since signing in, still needs one.
    if request.session.get(OPTIONAL) and not must_use_second_factor(user):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def next_step(request) -> str | None:
    """The URL name of the step an unverified session must take, or None."""
    if passed(request):
        return None
    if has_device(request.user):
        return "accounts:two_factor_verify"
    if must_use_second_factor(request.user):
        return "accounts:two_factor_setup"
    # No device and not required (e.g. the last device was removed): nothing to pass.
    request.session[OPTIONAL] = True
    return None


def verified_by(request, device) -> None:
    """Mark the session as having passed the second factor with ``device``."""
    otp_login(request, device)
    request.session.pop(OPTIONAL, None)


class LockedOut(Exception):
    """Too many wrong codes: the person has been signed out."""


def _count_failure(request, user: User) -> bool:
    """Count a wrong code with the password failures (axes); True if now locked out."""
    from axes.handlers.proxy import AxesProxyHandler

    credentials = {"username": user.email}
    AxesProxyHandler.user_login_failed(sender=__name__, credentials=credentials, request=request)
    return AxesProxyHandler.is_locked(request, credentials)


def verify_code(request, code: str) -> str | None:
    """Check a code from the authenticator app or a recovery code. On success
    the session is verified and the kind of code is returned; a wrong code
    returns None and counts towards lockout (raising ``LockedOut`` when it
    locks the account). A recovery code works once: django-otp deletes it.

    Each device also slows guesses down by itself (1, 2, 4… seconds between
    attempts after a failure), which a fresh password sign-in does not reset."""
    user = request.user
    code = "".join(code.split()).lower()
    if code:
        # Six digits come from the app; anything else can only be a recovery code.
        # Trying only the right kind keeps one kind's failures off the other's throttle.
        model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        for device in model.objects.devices_for_user(user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(code):
                verified_by(request, device)
                kind = "recovery code" if isinstance(device, StaticDevice) else "authenticator app"
                audit_record(
                    kind=AuditKind.SECOND_FACTOR,
                    summary=f"Second factor passed with {'a' if kind[0] == 'r' else 'an'} {kind}",
                    request=request,
                    actor=user,
                )
                return kind
    audit_record(
        kind=AuditKind.SECOND_FACTOR_FAILED,
        summary="A wrong two-factor code was entered",
        request=request,
        actor=user,
    )
    if _count_failure(request, user):
        logout(request)
        raise LockedOut
    return None


def new_app_key() -> str:
    """A secret for an authenticator app (hex, as django-otp keeps it), held in
    the session until the app proves it has it (``services.two_factor_app_confirm``)."""
    return random_hex(20)


def recovery_codes_left(user: User) -> int:
    return sum(d.token_set.count() for d in StaticDevice.objects.filter(user=user))
