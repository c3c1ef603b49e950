"""The home page block listing the organisations a user acts for."""

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action, roles_of

from .selectors import visible_organisations, visible_partnerships

_COUNCIL = {Role.COUNCIL_LEAD, Role.COUNCIL_CONTRIBUTOR, Role.COUNCIL_VIEWER}


def organisations_section(user) -> dict | None:
    roles = roles_of(user)
    if roles & _COUNCIL or Role.ASSESSOR in roles:
        organisations = visible_organisations(user, purpose=Action.VIEW_ORGANISATION).exclude(
            kind="assessing_body"
        )
        return {
            "heading": "Your councils" if roles & _COUNCIL else "Councils you assess",
            "organisations": organisations[:50],
            "total": organisations.count(),
            "partnerships": visible_partnerships(user, purpose=Action.VIEW_ORGANISATION),
        }
    if roles & {Role.NATIONAL_ANALYST, Role.ADMINISTRATOR}:
        organisations = visible_organisations(user, purpose=Action.VIEW_ORGANISATION)
        return {
            "heading": "All organisations",
            "organisations": organisations.none(),
            "total": organisations.count(),
            "partnerships": visible_partnerships(user, purpose=Action.VIEW_ORGANISATION).none(),
        }
    return None
