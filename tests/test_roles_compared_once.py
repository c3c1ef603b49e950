"""Only accounts/permissions.py compares roles (docs/architecture.md). Other
modules ask it a question (``acts_for_council``, ``council_people``, ...)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {Path("assurance/accounts/permissions.py"), Path("assurance/accounts/models.py")}
COMPARISON = re.compile(
    r"roles_of\(|COUNCIL_ROLES\s*[&|]|\brole\s*(==|!=|\bin\b|\bnot in\b)|role__in|"
    r"\.filter\([^)]*\brole=Role\.|\bRole\.\w+\s+(in|not in)\b|==\s*Role\.\w+"
)


def test_no_module_outside_permissions_compares_roles():
    found = []
    for path in (ROOT / "assurance").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative in ALLOWED or {"tests", "migrations"} & set(relative.parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if COMPARISON.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "Ask accounts.permissions instead:\n" + "\n".join(found)
