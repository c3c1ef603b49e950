"""Home page block: a council user's link to their council's overview."""

from assurance.accounts.permissions import Action, has_action

from . import selectors


def overview_section(user) -> dict | None:
    if has_action(user, Action.VIEW_REGIONAL_OVERSIGHT):
        return None  # advisers and analysts reach overviews from the heatmap
    councils = selectors.overview_links(user, purpose=Action.VIEW_COUNCIL_OVERVIEW)
    return {"councils": councils} if councils else None
