"""A real OpenID Connect provider for the tests: tests/oidc/provider.mjs (the
`oidc-provider` npm package) run with Node on a free port of 127.0.0.1.

    with running_provider(["http://testserver"]) as provider:
        provider.issuer  # http://127.0.0.1:<port>

Its test accounts (see provider.mjs): "verified-lead" and "unverified-lead"
(lead@sso-council.example, email_verified true / false), "stranger" (a
verified address with no account here) and "outsider" (a verified address on
another domain)."""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = Path(__file__).resolve().parent / "provider.mjs"
CLIENT_ID = "prevent-duty-assurance"
CLIENT_SECRET = "test-only-client-secret"
DOMAIN = "sso-council.example"
LEAD_EMAIL = f"lead@{DOMAIN}"
STARTUP_SECONDS = 30


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    domain: str = DOMAIN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_provider(redirect_bases: list[str]) -> Iterator[RunningProvider]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the OpenID Connect tests: install nodejs")
    if not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The oidc-provider npm package is missing: run `npm ci`")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "REDIRECT_BASES": ",".join(redirect_bases)}
    process = subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
        [node, str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        # Wait for the line the script prints once it listens.
        with selectors.DefaultSelector() as waiting:
            waiting.register(process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + STARTUP_SECONDS
            while not any("listening on" in line for line in output):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "The test OpenID Connect provider did not start:\n" + "".join(output)
                    )
                if waiting.select(timeout=0.5):
                    output.append(process.stdout.readline())
        # Keep reading, so a chatty provider never blocks on a full pipe.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield RunningProvider(issuer=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def provider_settings(provider: RunningProvider, *, key: str = "test") -> dict:
    """An OIDC_PROVIDERS entry for the running provider."""
    return {
        "key": key,
        "name": "Test council sign-in",
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "email_domains": [provider.domain],
    }


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[RunningProvider]:
    """The provider for tests that use Django's test client (http://testserver)."""
    with running_provider(["http://testserver"]) as provider:
        yield provider
