"""Error pages in the service's own style. They render with the request so
the navigation and marking banner stay in place."""

from django.shortcuts import render


def who_to_ask(user) -> str:
    """Who can change what a person may do, in words that fit their role
    (read from what they may do, so no role is named here)."""
    from assurance.accounts.permissions import Action, has_action

    if not getattr(user, "is_authenticated", False):
        return "Sign in with your own account; if you have none, ask your council's Prevent lead."
    if has_action(user, Action.MANAGE_USERS):
        return "You manage users: check this person's roles in the administration pages."
    if has_action(user, Action.MANAGE_COLLEAGUES):
        return (
            "As your council's Prevent lead, ask the service's administrators if you need "
            "access to something your council does not own."
        )
    if has_action(user, Action.SCORE_ASSESSMENT):
        return (
            "Assessors see the councils and regions assigned to them: ask the service's "
            "administrators to assign you this council or region."
        )
    if has_action(user, Action.VIEW_NATIONAL_OVERSIGHT):
        return "Ask the service's administrators if your role should include this."
    if has_action(user, Action.WORK_ON_REVIEW):
        return "Peer reviewers see only their own reviews: ask the review manager."
    return "Ask your council's Prevent lead, who can change what you may do."


def permission_denied(request, exception=None):
    return render(request, "403.html", {"who_to_ask": who_to_ask(request.user)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the failure may be in one of them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(
        loader.get_template("500.html").render(
            {"service_name": "Prevent Duty Assurance", "marking": "OFFICIAL"}
        )
    )
