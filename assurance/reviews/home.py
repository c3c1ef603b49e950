"""The home page block: the reviews a person is on (a peer reviewer lands
here), or the reviews of their council."""

from assurance.accounts.permissions import Action, has_action

from . import selectors


def reviews_section(user) -> dict | None:
    if not has_action(user, Action.VIEW_REVIEW):
        return None
    on_team = selectors.team_reviews(user)
    if on_team:
        return {"heading": "Peer reviews you are on", "reviews": on_team, "on_team": True}
    reviews = list(selectors.visible_reviews(user, purpose=Action.VIEW_REVIEW)[:10])
    if not reviews and has_action(user, Action.WORK_ON_REVIEW):
        # A peer reviewer not yet on a team is told so, not that they have no role.
        return {"heading": "Peer reviews you are on", "reviews": [], "on_team": True}
    if not reviews:
        return None
    return {"heading": "Peer reviews", "reviews": reviews, "on_team": False}
