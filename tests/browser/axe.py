"""Accessibility checks with axe-core, for Playwright pages.

    from tests.browser.axe import assert_no_axe_violations

    def test_dashboard_is_accessible(page, login):
        login(page, "lead@example.org", "password")
        page.goto("/")
        assert_no_axe_violations(page)

axe-core is injected with ``page.evaluate`` rather than a <script> tag: the
site's Content-Security-Policy forbids inline scripts, and code evaluated
through the DevTools protocol is not subject to it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]

# WCAG 2.2 AA, as the GOV.UK Service Manual requires.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
# axe's best-practice rules on top (landmarks, regions, heading order).
BEST_PRACTICE_TAGS = (*WCAG_TAGS, "best-practice")


@cache
def axe_source() -> str:
    """axe-core from node_modules, else the copy bundled with axe-playwright-python."""
    candidates = [REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"]
    try:
        import axe_playwright_python

        candidates.append(Path(axe_playwright_python.__file__).parent / "axe.min.js")
    except ImportError:
        pass
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(
        "axe-core not found: run `npm ci` (or `make install`). Looked in: "
        + ", ".join(str(path) for path in candidates)
    )


def axe_violations(
    page: Page,
    *,
    context: str | dict[str, Any] | None = None,
    disable_rules: tuple[str, ...] | list[str] = (),
    tags: tuple[str, ...] = WCAG_TAGS,
) -> list[dict[str, Any]]:
    """Run axe on the current page and return its violations.

    ``context`` is an axe context (a selector, or {"include": [...], "exclude": [...]});
    the default is the whole document. ``disable_rules`` lists axe rule ids to skip:
    say why wherever you use it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    return page.evaluate(
        """async ([context, options]) => {
            const results = await axe.run(context ?? document, options);
            return results.violations;
        }""",
        [context, options],
    )


def format_violations(violations: list[dict[str, Any]], *, max_nodes: int = 3) -> str:
    lines = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'unknown'}]: "
            f"{violation['help']} ({len(nodes)} element{'s' if len(nodes) != 1 else ''})"
        )
        lines.append(f"    {violation.get('helpUrl', '')}")
        for node in nodes[:max_nodes]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip().splitlines()
            if len(summary) > 1:
                lines.append(f"       {summary[1].strip()}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


def assert_no_axe_violations(
    page: Page,
    *,
    context: str | dict[str, Any] | None = None,
    disable_rules: tuple[str, ...] | list[str] = (),
    tags: tuple[str, ...] = WCAG_TAGS,
) -> None:
    """Fail with a readable list if axe finds WCAG 2.2 A/AA violations on the page."""
    violations = axe_violations(page, context=context, disable_rules=disable_rules, tags=tags)
    if violations:
        raise AssertionError(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
