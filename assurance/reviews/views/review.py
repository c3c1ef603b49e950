from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.concurrency import StaleRecord, history_mark, move_mark_on
from assurance.core.forms import add_service_errors

from .. import rules, selectors, services
from ..forms import DeclarationForm, ReviewSetUpForm, StageForm, TeamMemberForm
from ._helpers import failed, flash, page
from ._helpers import form_page as _form_page


@requires(Action.VIEW_REVIEW)
def review_list(request):
    reviews = selectors.reviews_page(request.user, request.GET.get("page"))
    return render(request, "reviews/review_list.html", {"page_obj": reviews})


@requires(Action.SET_UP_REVIEW)
def review_set_up(request):
    form = ReviewSetUpForm(request.POST or None, **selectors.set_up_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_set_up(
                actor=request.user,
                framework_version=form.version(),
                review_type=form.cleaned_data["review_type"],
                title=form.cleaned_data["title"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                marking=form.cleaned_data["marking"],
                **form.target_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Review set up for {review.host_name}. Now add the team.")
            return redirect("reviews:detail", review.pk)
    return render(
        request, "reviews/review_set_up.html", {"form": form, "failed_form": failed(form)}
    )


@requires(Action.VIEW_REVIEW)
def review_detail(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.VIEW_REVIEW)
    stages = selectors.stages_of(review)
    states = [rules.StageState(s.kind, s.status, s.checks_done, s.checks_total) for s in stages]
    context = page(
        review,
        request.user,
        stages=stages,
        current=rules.current_stage(states),
        team=selectors.team_of(review),
        reports=selectors.reports_of(review),
        register_source=selectors.register_source_of(review),
    )
    if context["may"].on_team:
        context["improvements"] = [f for f in selectors.findings_of(review) if f.is_improvement]
    return render(request, "reviews/review_detail.html", context)


@requires(Action.WORK_ON_REVIEW)  # the team gate; the selector asks for MANAGE_REVIEW
def stage_edit(request, pk: int, stage_pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.MANAGE_REVIEW)
    stage = selectors.get_stage_of(review, stage_pk)
    team, checks = selectors.team_of(review), list(stage.checks.all())
    initial = {
        "planned_from": stage.planned_from,
        "planned_to": stage.planned_to,
        "actual_from": stage.actual_from,
        "actual_to": stage.actual_to,
        "owner": str(stage.owner_id or ""),
        "checks": [str(c.pk) for c in checks if c.done],
        "status": stage.status,
        "seen_version": history_mark(stage),
    }
    form = StageForm(request.POST or None, initial=initial, team=team, checks=checks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.stage_update(
                actor=request.user,
                stage=stage,
                planned_from=data["planned_from"],
                planned_to=data["planned_to"],
                actual_from=data["actual_from"],
                actual_to=data["actual_to"],
                owner=form.owner_member(),
                done_check_ids=form.done_ids(),
                status=data["status"],
                seen_version=data["seen_version"],
            )
        except StaleRecord as error:
            add_service_errors(form, error)
            move_mark_on(form, error.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{stage.get_kind_display()} updated.")
            return redirect("reviews:detail", pk)
    return render(
        request,
        "reviews/stage_edit.html",
        page(
            review,
            request.user,
            stage=stage,
            form=form,
            failed_form=failed(form),
            **_form_page(stage.get_kind_display(), "Save stage"),
        ),
    )


@requires(Action.WORK_ON_REVIEW)  # the team gate; the selector asks for MANAGE_REVIEW
def team_add(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.MANAGE_REVIEW)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(
                actor=request.user,
                review=review,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{member.user.full_name} added as {member.get_role_display().lower()}."
            )
            return redirect("reviews:detail", pk)
    return render(
        request,
        "reviews/team_add.html",
        page(
            review,
            request.user,
            form=form,
            failed_form=failed(form),
            **_form_page("Add a team member", "Add to team"),
        ),
    )


@require_POST
@requires(Action.WORK_ON_REVIEW)  # the team gate; the selector asks for MANAGE_REVIEW
def team_remove(request, pk: int, member_pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.MANAGE_REVIEW)
    member = next((m for m in selectors.team_of(review) if m.pk == member_pk), None)
    if member is None:
        raise Http404
    member.review = review
    try:
        services.team_member_remove(actor=request.user, member=member)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, f"{member.user.full_name} removed from the team.")
    return redirect("reviews:detail", pk)


@requires(Action.WORK_ON_REVIEW)
def declaration(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.WORK_ON_REVIEW)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.declaration_make(
                actor=request.user,
                review=review,
                has_conflict=form.cleaned_data["has_conflict"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if member.has_conflict:
                messages.success(
                    request, "Conflict of interest recorded. The review manager can see it."
                )
            else:
                messages.success(
                    request, "Declaration recorded. You can now see the host's evidence."
                )
            return redirect("reviews:detail", pk)
    return render(
        request,
        "reviews/declaration.html",
        page(
            review,
            request.user,
            form=form,
            failed_form=failed(form),
            **_form_page("Conflict of interest", "Make declaration"),
        ),
    )
