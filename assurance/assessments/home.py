"""Home page blocks: a council's assessments, an assessor's work in hand and
the assessments waiting for a moderator."""

from assurance.accounts.permissions import Action, acts_as_assessor, acts_for_council, has_action

from . import selectors


def assessments_section(user) -> dict | None:
    if acts_for_council(user):
        return {"heading": "Your assessments", "rows": selectors.council_assessments(user)}
    if acts_as_assessor(user):
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
