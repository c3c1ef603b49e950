"""Every page of the access matrix at 320 CSS pixels wide (WCAG 1.4.10
reflow): no horizontal scrolling, and axe's best-practice rules (every piece
of content inside a landmark, among others) as well as WCAG 2.2 AA."""

import pytest

from tests.access.world import build_world
from tests.browser.axe import BEST_PRACTICE_TAGS, axe_violations, format_violations
from tests.browser.test_every_page_accessible import _pages, _sign_in, _viewer
from tests.test_access_matrix import _app_modules

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const over = e => e.getBoundingClientRect().right > width + 1;
    const describe = e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
        + ': ' + (e.textContent || '').trim().slice(0, 30);
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => over(e) && e.offsetParent !== null && !e.closest('.govuk-visually-hidden'))
        .filter(e => ![...e.children].some(over))
        .map(describe);
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def test_every_page_reflows_at_320px_and_passes_best_practice(page, live_server):
    world = build_world()
    for module in _app_modules():
        if hasattr(module, "build"):
            module.build(world)
    page.set_viewport_size({"width": 320, "height": 640})
    problems, checked = [], 0
    for name, entry in _pages():
        role, target = _viewer(entry)
        page.context.clear_cookies()
        if role is not None:
            _sign_in(page, live_server, world.users[role])
        url = entry.url(world, target)
        if "text/html" not in page.request.get(url).headers.get("content-type", ""):
            continue
        page.goto(url)
        checked += 1
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["width"]:
            problems.append(f"{name} scrolls sideways at 320 px: {found}")
        violations = axe_violations(page, tags=BEST_PRACTICE_TAGS)
        if violations:
            problems.append(f"{name} ({url}):\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)
    assert checked >= 30
