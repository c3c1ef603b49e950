"""Every page in the service, opened in Chromium by a role allowed to see it,
passes the axe-core WCAG 2.2 A/AA check. The pages come from the access
matrix, so a new page is checked as soon as it has a matrix entry; the
journeys in the other browser tests check pages in their filled-in states."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

from tests.access.world import NO_TARGET, OWN, build_world
from tests.browser.axe import assert_no_axe_violations
from tests.test_access_matrix import ENTRIES, _app_modules

pytestmark = pytest.mark.browser

ROLE_ORDER = [
    "council_lead",
    "assessor",
    "national_analyst",
    "administrator",
    "council_contributor",
    "council_viewer",
    "peer_reviewer",
]


def _pages():
    """(URL name, entry) for every page answered with 200 to a GET."""
    for name, entries in sorted(ENTRIES.items()):
        # A route may have one entry per method (the API's): take its GET.
        for entry in entries if isinstance(entries, list) else [entries]:
            if entry.method == "get" and entry.ok == 200:
                yield name, entry


def _viewer(entry):
    """The first role the matrix allows on the page, and the target it may see."""
    if entry.public:
        return None, entry.targets[0]
    for role in ROLE_ORDER:
        targets = entry.allowed.get(role, ())
        for target in (OWN, NO_TARGET, *targets):
            if target in targets and entry.overrides.get(role, entry.ok) == entry.ok:
                return role, target
    return "missing", None


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": urlparse(live_server.url).hostname,
                "path": "/",
            }
        ]
    )


def test_every_page_passes_the_accessibility_check(page, live_server):
    world = build_world()
    for module in _app_modules():
        if hasattr(module, "build"):
            module.build(world)
    checked, skipped = [], []
    for name, entry in _pages():
        role, target = _viewer(entry)
        assert role != "missing", f"{name}: no role may see this page"
        page.context.clear_cookies()
        if role is not None:
            _sign_in(page, live_server, world.users[role])
        url = entry.url(world, target)
        probe = page.request.get(url)  # shares the browser's cookies
        assert probe.status == 200, f"{name} as {role}: {probe.status}"
        if "text/html" not in probe.headers.get("content-type", ""):
            skipped.append(name)  # a download (PDF, DOCX, XLSX, CSV)
            continue
        page.goto(url)
        assert_no_axe_violations(page)
        checked.append(name)
    assert len(checked) >= 30, checked
