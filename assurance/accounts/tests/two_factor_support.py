"""Test support for two-factor authentication.

Most tests are about something else and sign in with ``client.force_login``.
For a user whose role needs a second factor, the root conftest makes
``force_login`` also give them an authenticator app (if they have none) and
mark the session as having passed it, exactly as django-otp does when a code
is accepted (``otp_login`` stores the device's persistent id in the session).
2FA's own tests sign in through the real forms instead."""

from __future__ import annotations

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from assurance.accounts.models import User
from assurance.accounts.permissions import must_use_second_factor

# RFC 6238's test key, so a failing test's codes can be checked by hand.
TEST_KEY = "3132333435363738393031323334353637383930"


def give_app(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, made with the test key if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", key=TEST_KEY, confirmed=True
        )
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if now's was already used
    (django-otp refuses a time step twice; it accepts one step of drift)."""
    device.refresh_from_db()
    while True:
        now = int((time.time() - device.t0) // device.step)
        step = max(now, device.last_t + 1)
        if step <= now + device.tolerance:
            break
        # Even the next step's code is spent: wait for the clock to move on.
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = device.t0 + step * device.step + 1
    return f"{generator.token():0{device.digits}d}"


def mark_verified(client, user: User) -> None:
    """As if ``user`` had just entered a right code on the second step."""
    device = give_app(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def install_verified_force_login():
    """Wrap ``Client.force_login`` (see the module docstring). Returns an undo."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        fresh = User.objects.get(pk=user.pk)  # roles as now stored, not as cached
        if must_use_second_factor(fresh):
            mark_verified(self, fresh)

    Client.force_login = force_login
    return lambda: setattr(Client, "force_login", original)


def give_security_key(user: User, name: str = "Test key"):
    """A stored security key (its public key is not a real one: for pages and
    services that list and remove keys, not for a WebAuthn ceremony)."""
    import os

    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=os.urandom(16),
        public_key=b"not-a-real-key",
        aaguid="00000000-0000-0000-0000-000000000000",
    )
