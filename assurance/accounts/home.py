"""The home page block for administrators: where to manage the directory."""

from .permissions import Action, has_action

ADMIN_PAGES = [
    ("Users and their roles", "accounts", "user"),
    ("Memberships", "accounts", "membership"),
    ("Assessor assignments", "accounts", "assessorassignment"),
    ("Organisations", "organisations", "organisation"),
    ("Regions", "organisations", "region"),
    ("Partnerships", "organisations", "partnership"),
]


def administration_section(user) -> dict | None:
    if not has_action(user, Action.MANAGE_USERS):
        return None
    return {
        "pages": [(label, f"admin:{app}_{model}_changelist") for label, app, model in ADMIN_PAGES]
        + [("Audit trail", "accounts:audit")],
    }
