"""One recommendation on its own page: its response, lead and milestone,
progress, verified closure and extensions. Every form on the page posts to
its own view; a refused form comes back filled in as it was typed."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.submissions import submitted_once
from assurance.ui.forms import run_service

from .. import forms, selectors, services


def _people(recommendation) -> list[tuple[int, str]]:
    return [
        (u.pk, u.full_name) for u in selectors.council_people(recommendation.source.organisation_id)
    ]


def _blank_forms(recommendation) -> dict:
    item, version = recommendation, {"version": recommendation.version}
    return {
        "respond_form": forms.OneResponseForm(
            people=_people(item),
            initial=version
            | {
                "response": item.response,
                "reason": item.reason,
                "lead": item.lead,
                "lead_user": item.lead_user_id,
                "milestone": item.milestone,
            },
        ),
        "form": forms.ProgressForm(initial=version | {"status": item.status}),
        "address_form": forms.AddressForm(initial=version),
        "verify_form": forms.VerifyForm(),
        "reopen_form": forms.ReopenItemForm(),
        "extension_form": forms.ExtensionForm(initial=version),
        "decision_form": forms.ExtensionDecisionForm(),
        "link_form": forms.LinkForm(
            choices=selectors.link_choices(item), initial={"answered_by": item.answered_by_id}
        ),
    }


def _recommendation_page(request, recommendation, status=200, **bound):
    source = recommendation.source
    context = _blank_forms(recommendation) | bound
    extensions = list(selectors.extensions_of(recommendation))
    context |= {
        "recommendation": recommendation,
        "source": source,
        "progress": selectors.progress_of(recommendation),
        "evidence": selectors.evidence_of(recommendation),
        "extensions": extensions,
        "pending_extension": next((e for e in extensions if e.status == "pending"), None),
        "may_answer": selectors.may_answer_for(request.user, source),
        "marking": source.marking,
        "bound_form": next(iter(bound.values()), None),
    }
    return render(request, "recommendations/recommendation_detail.html", context, status=status)


@requires(Action.VIEW_RECORDS)
def recommendation_detail(request, pk: int):
    return _recommendation_page(
        request, selectors.get_recommendation_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    )


def _handle(request, pk, action, name, form, call, done):
    """Validate, call the service, put its refusal on the form, redirect."""
    recommendation = selectors.get_recommendation_for(request.user, pk, purpose=action)
    if form.is_valid():
        with submitted_once(request, form) as once:  # no-op for forms without a token
            if once.repeat_url:
                return once.repeat()
            saved = run_service(
                request,
                form,
                lambda data: call(recommendation, data),
                success=done,
                then=("recommendations:recommendation", pk),
            )
            if saved:
                return once.done(saved)
    fresh = selectors.get_recommendation_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    return _recommendation_page(request, fresh, **{name: form})


@require_POST
@requires(Action.RECORD_PROGRESS)
def progress_add(request, pk: int):
    def call(item, data):
        services.progress_add(
            actor=request.user,
            recommendation=item,
            entry=data["entry"],
            status=data["status"],
            completed_on=data["completed_on"],
            worked_on=data["worked_on"],
            expected_version=data["version"],
        )

    form = forms.ProgressForm(request.POST)
    return _handle(
        request, pk, Action.RECORD_PROGRESS, "form", form, call, "The progress has been recorded."
    )


@require_POST
@requires(Action.RESPOND_RECOMMENDATIONS)
def recommendation_respond(request, pk: int):
    def call(item, data):
        answer = services.ResponseInput(
            recommendation_id=item.pk,
            response=data["response"],
            reason=data["reason"],
            lead=data["lead"],
            lead_user_id=data["lead_user"],
            milestone=data["milestone"],
        )
        services.recommendation_respond(
            actor=request.user,
            recommendation=item,
            response=answer,
            expected_version=data["version"],
        )

    item = selectors.get_recommendation_for(
        request.user, pk, purpose=Action.RESPOND_RECOMMENDATIONS
    )
    form = forms.OneResponseForm(request.POST, people=_people(item))
    return _handle(
        request,
        pk,
        Action.RESPOND_RECOMMENDATIONS,
        "respond_form",
        form,
        call,
        "The response has been saved.",
    )


@require_POST
@requires(Action.RESPOND_RECOMMENDATIONS)
def recommendation_address(request, pk: int):
    def call(item, data):
        services.recommendation_address(
            actor=request.user,
            recommendation=item,
            statement=data["statement"],
            evidence_title=data["evidence_title"],
            evidence_url=data["evidence_url"],
            evidence_upload=data["evidence_upload"],
            expected_version=data["version"],
        )

    form = forms.AddressForm(request.POST, request.FILES)
    return _handle(
        request,
        pk,
        Action.RESPOND_RECOMMENDATIONS,
        "address_form",
        form,
        call,
        "The recommendation is marked addressed and awaits verification.",
    )


@require_POST
@requires(Action.VIEW_RECORDS)
def recommendation_verify(request, pk: int):
    """Who may verify depends on the source (the service decides); the page
    is reached by anyone who may see the recommendation."""

    def call(item, data):
        if data["decision"] == "verify":
            services.recommendation_verify(
                actor=request.user, recommendation=item, note=data["note"]
            )
        else:
            services.recommendation_send_back(
                actor=request.user, recommendation=item, reason=data["note"]
            )

    form = forms.VerifyForm(request.POST)
    return _handle(
        request, pk, Action.VIEW_RECORDS, "verify_form", form, call, "The decision is recorded."
    )


@require_POST
@requires(Action.VIEW_RECORDS)
def recommendation_reopen(request, pk: int):
    def call(item, data):
        services.recommendation_reopen(
            actor=request.user, recommendation=item, reason=data["reason"]
        )

    form = forms.ReopenItemForm(request.POST)
    return _handle(
        request,
        pk,
        Action.VIEW_RECORDS,
        "reopen_form",
        form,
        call,
        "The recommendation has been reopened.",
    )


@require_POST
@requires(Action.RESPOND_RECOMMENDATIONS)
def extension_request(request, pk: int):
    def call(item, data):
        services.extension_request(
            actor=request.user,
            recommendation=item,
            requested_date=data["requested_date"],
            reason=data["reason"],
            expected_version=data["version"],
        )

    form = forms.ExtensionForm(request.POST)
    return _handle(
        request,
        pk,
        Action.RESPOND_RECOMMENDATIONS,
        "extension_form",
        form,
        call,
        "The extension has been asked for.",
    )


@require_POST
@requires(Action.VIEW_RECORDS)
def extension_decide(request, pk: int):
    extension = selectors.get_extension_for(request.user, pk, purpose=Action.VIEW_RECORDS)

    def call(item, data):
        services.extension_decide(
            actor=request.user,
            extension=extension,
            grant=data["decision"] == "grant",
            note=data["note"],
        )

    form = forms.ExtensionDecisionForm(request.POST)
    return _handle(
        request,
        extension.recommendation_id,
        Action.VIEW_RECORDS,
        "decision_form",
        form,
        call,
        "The decision on the extension is recorded.",
    )


@require_POST
@requires(Action.RESPOND_RECOMMENDATIONS)
def recommendation_link(request, pk: int):
    item = selectors.get_recommendation_for(
        request.user, pk, purpose=Action.RESPOND_RECOMMENDATIONS
    )

    def call(item, data):
        if data["answered_by"] is None:
            services.recommendation_unlink(actor=request.user, recommendation=item)
            return
        answering = selectors.get_recommendation_for(
            request.user, data["answered_by"], purpose=Action.RESPOND_RECOMMENDATIONS
        )
        services.recommendation_link(actor=request.user, recommendation=item, answered_by=answering)

    form = forms.LinkForm(request.POST, choices=selectors.link_choices(item))
    return _handle(
        request,
        pk,
        Action.RESPOND_RECOMMENDATIONS,
        "link_form",
        form,
        call,
        "The link has been saved.",
    )
