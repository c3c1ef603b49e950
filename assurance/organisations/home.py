"""The home page block listing the organisations a user acts for."""

from assurance.accounts.permissions import (
    Action,
    acts_as_assessor,
    acts_for_council,
    sees_every_organisation,
)

from .selectors import visible_organisations, visible_partnerships


def organisations_section(user) -> dict | None:
    council = acts_for_council(user)
    if council or acts_as_assessor(user):
        organisations = visible_organisations(user, purpose=Action.VIEW_ORGANISATION).exclude(
            kind="assessing_body"
        )
        return {
            "heading": "Your councils" if council else "Councils you assess",
            "organisations": organisations[:50],
            "total": organisations.count(),
            "partnerships": visible_partnerships(user, purpose=Action.VIEW_ORGANISATION),
        }
    if sees_every_organisation(user):
        organisations = visible_organisations(user, purpose=Action.VIEW_ORGANISATION)
        return {
            "heading": "All organisations",
            "organisations": organisations.none(),
            "total": organisations.count(),
            "partnerships": visible_partnerships(user, purpose=Action.VIEW_ORGANISATION).none(),
        }
    return None
