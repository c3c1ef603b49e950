from django.contrib import messages
from django.shortcuts import render

from assurance.accounts.permissions import Action, requires
from assurance.core.freshness import reused_until_data_changes
from assurance.ui.forms import run_service

from .. import rules, selectors, services
from ..forms import ModerationForm
from ..rules import Event, allowed
from ._helpers import page


@requires(Action.MODERATE_ASSESSMENT)
@reused_until_data_changes
def assessment_moderate(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.MODERATE_ASSESSMENT)
    levels = selectors.scale(assessment)
    rows = selectors.moderation_rows(assessment, levels)
    scorers = [assessment.assessor_id, *(row.response.assessed_by_id for row in rows)]
    own_scores = not rules.may_moderate(request.user.pk, scorers)
    names = selectors.distribution_names(request.user, assessment)
    form = ModerationForm(request.POST or None, rows=rows, levels=levels)
    done = run_service(
        request,
        form,
        lambda data: _decide(request, assessment, form),
        success=None,  # _decide says which decision was recorded
        then=("assessments:detail", pk),
    )
    return done or render(
        request,
        "assessments/moderation.html",
        page(
            assessment,
            request.user,
            rows=[
                (
                    row,
                    form.bound("level", row.response),
                    form.bound("comment", row.response),
                    _named(row, names, levels),
                )
                for row in rows
            ],
            form=form,
            own_scores=own_scores,
            open=allowed(assessment.status, Event.AGREE) and not own_scores,
        ),
    )


def _named(row, names, levels) -> list[tuple[str, int, list[str]]]:
    """(level, count, the named councils the moderator oversees) for each level;
    the distribution lists the scale's levels in order."""
    found = names.get(row.response.criterion_id, {})
    return [
        (label, count, found.get(level.value, []))
        for level, (label, count) in zip(levels, row.distribution, strict=True)
    ]


def _decide(request, assessment, form) -> None:
    if form.cleaned_data["decision"] == "agree":
        services.moderation_agree(
            actor=request.user,
            assessment=assessment,
            changes=form.changes(),
            note=form.cleaned_data["note"],
        )
        messages.success(request, "Scores agreed. The assessment is ready to issue.")
    else:
        services.moderation_return(
            actor=request.user,
            assessment=assessment,
            comments=form.comments(),
            note=form.cleaned_data["note"],
        )
        messages.success(request, "Returned to the assessor with your comments.")
