"""Fixtures for browser tests: Debian's Chromium driven by Playwright.

Tests that use the ``page`` fixture get a fresh browser context pointed at
pytest-django's live server (so relative URLs work: ``page.goto("/")``), a
transactional database, and the ``browser`` marker (``-m "not browser"``
skips them).

    def test_sign_in(page, login):
        login(page, "lead@example.org", "password")
        assert page.get_by_role("heading", level=1).is_visible()
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread, which makes
# Django refuse ORM calls from tests ("You cannot call this from an async
# context"). The tests are synchronous, so that check does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, Playwright, sync_playwright  # noqa: E402

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Milliseconds: long enough for a loaded 2-core CI machine, short enough to fail fast.
DEFAULT_TIMEOUT = 15_000

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium through Playwright against a live server"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        in_browser_dir = BROWSER_DIR in Path(str(item.path)).resolve().parents
        if in_browser_dir or "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH"
        )
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(DEFAULT_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through the real login form; fails if the form is shown again.

    Someone whose role needs two-factor authentication is given an
    authenticator app (if they have none) and the second step is passed by
    typing the code the app would show now, computed from the device's key."""
    from assurance.accounts.models import User
    from assurance.accounts.permissions import must_use_second_factor
    from assurance.accounts.tests.two_factor_support import current_code, give_app

    user = User.objects.filter(email__iexact=email).first()
    device = give_app(user) if user is not None and must_use_second_factor(user) else None
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if re.search(r"/accounts/login/?(\?|$)", page.url):
        errors = page.locator(".govuk-error-summary").all_inner_texts()
        raise AssertionError(
            f"Sign-in as {email} failed: " + (" ".join(errors).strip() or "still on the login page")
        )
    if device is not None and "/accounts/two-factor/check/" in page.url:
        enter_two_factor_code(page, current_code(device))


def enter_two_factor_code(page: Page, code: str) -> None:
    """The second step of signing in: fails if the code is refused."""
    page.get_by_label("Code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    if "/accounts/two-factor/check/" in page.url:
        errors = page.locator(".govuk-error-summary").all_inner_texts()
        raise AssertionError("Two-factor code refused: " + " ".join(errors).strip())


@pytest.fixture
def login() -> Callable[[Page, str, str], None]:
    """``login(page, email, password)``: sign in through the login form."""
    return sign_in
