"""Template helpers: permission checks and GOV.UK Frontend odds and ends."""

from django import template

from assurance.accounts import permissions

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    """{% if user|may:"score_assessment" %} — held for at least one organisation."""
    return permissions.has_action(user, permissions.Action(action))


@register.simple_tag
def may_for(user, action: str, organisation_id) -> bool:
    """{% may_for user "respond_recommendations" org.pk as allowed %}"""
    return permissions.can(user, permissions.Action(action), organisation_id)
