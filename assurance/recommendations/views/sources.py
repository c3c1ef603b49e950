"""Sources: list, add, detail, respond to all, add one, close and reopen."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.submissions import submitted_once
from assurance.organisations.selectors import visible_organisations
from assurance.ui.forms import run_service
from assurance.ui.paging import paginate

from .. import documents, forms, rules, selectors, services


@requires(Action.VIEW_RECORDS)
def source_list(request):
    status = request.GET.get("status", "open")
    filters = selectors.SourceFilters(
        q=request.GET.get("q", "").strip()[:100],
        status=status if status in selectors.SOURCE_STATUSES else "open",
    )
    page, pagination = paginate(request, selectors.source_list(request.user, filters))
    return render(
        request,
        "recommendations/source_list.html",
        {
            "sources": selectors.with_source_counts(page.object_list),
            "page": page,
            "pagination": pagination,
            "filters": filters,
        },
    )


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_create(request):
    organisations = visible_organisations(
        request.user, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    form = forms.SourceForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with submitted_once(request, form) as once:
            if once.repeat_url:
                return once.repeat()
            done = run_service(
                request,
                form,
                lambda data: services.source_create(actor=request.user, **data),
                success=lambda source: (
                    f"“{source.title}” has been added. Now add its recommendations."
                ),
                then=lambda source: ("recommendations:source", source.pk),
            )
            if done:
                return once.done(done)
    return render(request, "recommendations/source_form.html", {"form": form})


def _source_page(request, source, *, close_form=None, reopen_form=None, status=200):
    page, pagination, every = selectors.source_page_items(source, lambda qs: paginate(request, qs))
    return render(
        request,
        "recommendations/source_detail.html",
        {
            "source": source,
            "items": page.object_list,
            "groups": rules.grouped_by_theme(page.object_list, lambda item: item.theme),
            "page": page,
            "pagination": pagination,
            "blockers": rules.closure_blockers(every) if not source.is_closed else [],
            "figures": documents.closure_figures(every),
            "names_verifier": rules.names_own_verifier(source.kind),
            "close_form": close_form or forms.CloseForm(),
            "reopen_form": reopen_form or forms.ReopenForm(),
            "form": close_form or reopen_form,
            "marking": source.marking,
        },
        status=status,
    )


@requires(Action.VIEW_RECORDS)
def source_detail(request, pk: int):
    return _source_page(
        request, selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    )


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_close(request, pk: int):
    source = selectors.get_source_for(request.user, pk, purpose=Action.CLOSE_SOURCE)
    form = forms.CloseForm(request.POST)
    done = run_service(
        request,
        form,
        lambda data: services.source_close(actor=request.user, source=source, **data),
        success=f"“{source.title}” has been closed.",
        then=("recommendations:source", source.pk),
    )
    return done or _source_page(
        request,
        selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        close_form=form,
    )


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_reopen(request, pk: int):
    source = selectors.get_source_for(request.user, pk, purpose=Action.CLOSE_SOURCE)
    form = forms.ReopenForm(request.POST)
    done = run_service(
        request,
        form,
        lambda data: services.source_reopen(actor=request.user, source=source, **data),
        success=f"“{source.title}” has been reopened.",
        then=("recommendations:source", source.pk),
    )
    return done or _source_page(
        request,
        selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        reopen_form=form,
    )


# Each recommendation is five fields drawn from templates, about 3 ms a line:
# ten a page keeps the form of the busiest source well within its target
# (25 a page took 95 ms), and less typing waits on one save.
RESPOND_PAGE_SIZE = 10


@requires(Action.RESPOND_RECOMMENDATIONS)
def source_respond(request, pk: int):
    """The whole-source response form, a page of recommendations at a time;
    only changed rows are written, and a row someone else saved meanwhile is
    refused (see services.source_respond)."""
    source = selectors.get_source_for(request.user, pk, purpose=Action.RESPOND_RECOMMENDATIONS)
    page, pagination = paginate(
        request, selectors.source_response_rows(source), size=RESPOND_PAGE_SIZE
    )
    people = [(u.pk, u.full_name) for u in selectors.council_people(source.organisation_id)]
    lines = _response_lines(request.POST or None, page.object_list, people)
    # Bound and validated (it has no fields), so that a service's refusal can be added to it.
    summary = forms.GovukForm({})
    summary.is_valid()
    # A list, not a generator: every line is validated so that every error shows.
    valid = [line.is_valid() for line in lines]
    if request.method == "POST" and all(valid):
        responses = [
            services.ResponseInput(recommendation_id=line.recommendation.pk, **_response(line))
            for line in lines
        ]
        done = run_service(
            request,
            summary,  # the page's refusal goes on the summary form, above every line
            lambda _: services.source_respond(
                actor=request.user, source=source, responses=responses
            ),
            success="The responses on this page have been saved.",
            then=_after_responses(source, page),
        )
        if done:
            return done
        if any(services.CONFLICT in message for message in summary.non_field_errors()):
            # Keep what the person typed, now against the current versions:
            # saving again is a deliberate choice to replace the other answers.
            lines = _against_current(request, source, page, people, lines)
    return render(
        request,
        "recommendations/source_respond.html",
        {
            "source": source,
            "lines": lines,
            "page": page,
            "pagination": pagination,
            "summary": summary,
            "marking": source.marking,
            "has_errors": summary.errors or any(line.errors for line in lines),
        },
    )


def _after_responses(source, page):
    """The next page of the form, or the source once the last page is saved."""
    if page.has_next():
        url = reverse("recommendations:source_respond", args=[source.pk])
        return f"{url}?page={page.next_page_number()}"
    return ("recommendations:source", source.pk)


def _against_current(request, source, page, people, lines) -> list:
    data = request.POST.copy()
    for item in selectors.source_response_rows(source).filter(
        pk__in=[line.recommendation.pk for line in lines]
    ):
        data[f"r{item.pk}-seen"] = str(item.version)
    lines = _response_lines(data, page.object_list, people)
    for line in lines:
        line.is_valid()
    return lines


def _response_lines(data, items, people) -> list:
    return [
        forms.ResponseForm(
            data,
            recommendation=item,
            people=people,
            initial={
                "response": item.response,
                "reason": item.reason,
                "lead": item.lead,
                "lead_user": item.lead_user_id,
                "milestone": item.milestone,
                "seen": item.version,
            },
        )
        for item in items
    ]


def _response(line) -> dict:
    data = line.cleaned_data
    return {
        "response": data["response"],
        "reason": data["reason"],
        "lead": data["lead"],
        "lead_user_id": data["lead_user"],
        "milestone": data["milestone"],
        "seen_version": data.get("seen"),
    }


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def recommendation_add(request, pk: int):
    source = selectors.get_source_for(
        request.user, pk, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with submitted_once(request, form) as once:
            if once.repeat_url:
                return once.repeat()
            done = run_service(
                request,
                form,
                lambda data: services.recommendation_add(actor=request.user, source=source, **data),
                success=f"Recommendation {form.cleaned_data['number']} has been added.",
                then=("recommendations:source", source.pk),
            )
            if done:
                return once.done(done)
    return render(
        request, "recommendations/recommendation_form.html", {"source": source, "form": form}
    )


@requires(Action.VERIFY_OWN_RECOMMENDATIONS)
def source_verifier(request, pk: int):
    """The council lead names a verifier for one of the council's own sources."""
    source = selectors.get_source_for(request.user, pk, purpose=Action.VERIFY_OWN_RECOMMENDATIONS)
    own_source = rules.names_own_verifier(source.kind)
    form = forms.VerifierForm(
        request.POST or None,
        initial={"verifier": source.verifier_id},
        people=selectors.council_people(source.organisation_id),
    )
    if request.method == "POST" and own_source:
        done = run_service(
            request,
            form,
            lambda data: services.source_verifier_set(
                actor=request.user, source=source, verifier=data["verifier"]
            ),
            success="The named verifier has been saved.",
            then=("recommendations:source", source.pk),
        )
        if done:
            return done
    return render(
        request,
        "recommendations/source_verifier.html",
        {
            "source": source,
            "form": form,
            "own_source": own_source,
            "marking": source.marking,
        },
    )
