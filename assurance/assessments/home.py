"""Home page blocks: a council's assessments, an assessor's work in hand and
the assessments waiting for a moderator."""

from assurance.accounts.models import COUNCIL_ROLES, Role
from assurance.accounts.permissions import Action, has_action, roles_of

from . import selectors


def assessments_section(user) -> dict | None:
    roles = roles_of(user)
    if roles & COUNCIL_ROLES:
        return {"heading": "Your assessments", "rows": selectors.council_assessments(user)}
    if Role.ASSESSOR in roles:
        return {
            "heading": "Assessments you are working on",
            "rows": selectors.assessor_assessments(user),
        }
    return None


def moderation_section(user) -> dict | None:
    if not has_action(user, Action.MODERATE_ASSESSMENT):
        return None
    return {
        "heading": "Awaiting moderation",
        "assessments": list(selectors.awaiting_moderation(user)[:50]),
    }
