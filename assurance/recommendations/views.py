"""Thin views: parse input, call one selector or service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response
from assurance.organisations.selectors import visible_organisations

from . import documents, forms, importing, rules, selectors, services
from .models import Response, Status
from .paging import page_links, sort_links

PAGE_SIZE = 50
SORT_COLUMNS = [
    ("Source", "source"),
    ("No.", "number"),
    ("Response", "response"),
    ("Lead", "lead"),
    ("Milestone", "milestone"),
    ("Status", "status"),
]


def _errors_to_form(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- Register and sources -------------------------------------------------


@requires(Action.VIEW_RECORDS)
def register(request):
    choices = selectors.register_choices(request.user)
    form = forms.RegisterFilterForm(request.GET or None, choices=choices)
    data = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    filters = selectors.RegisterFilters(
        source=data.get("source"),
        statuses=data.get("status", []),
        responses=data.get("response", []),
        lead=data.get("lead", ""),
        criterion=data.get("criterion"),
        overdue=data.get("overdue", False),
        sort=sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
        descending=request.GET.get("dir") == "desc",
    )
    paginator = Paginator(selectors.register(request.user, filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    counts = selectors.register_counts(request.user, filters)
    today = timezone.localdate()
    for item in page.object_list:
        item.overdue = rules.is_overdue(item.milestone, item.status, today, item.response)
    return render(
        request,
        "recommendations/register.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "by_response": [(label, counts[f"response_{v}"]) for v, label in Response.choices],
            "by_status": [(label, counts[f"status_{v}"]) for v, label in Status.choices],
            "pagination": page_links(page, request.GET),
            "columns": sort_links(SORT_COLUMNS, filters.sort, filters.descending, request.GET),
        },
    )


@requires(Action.VIEW_RECORDS)
def source_list(request):
    return render(
        request,
        "recommendations/source_list.html",
        {"sources": selectors.sources_with_counts(request.user)},
    )


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_create(request):
    organisations = visible_organisations(request.user, Action.MANAGE_RECOMMENDATION_SOURCES)
    form = forms.SourceForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, f"“{source.title}” has been added. Now add its recommendations."
            )
            return redirect("recommendations:source", pk=source.pk)
    return render(request, "recommendations/source_form.html", {"form": form})


def _source_page(request, source, *, close_form=None, reopen_form=None, status=200):
    items = selectors.source_recommendations(source)
    return render(
        request,
        "recommendations/source_detail.html",
        {
            "source": source,
            "items": items,
            "blockers": rules.closure_blockers(items) if not source.is_closed else [],
            "close_form": close_form or forms.CloseForm(),
            "reopen_form": reopen_form or forms.ReopenForm(),
            "form": close_form or reopen_form,
            "classification": source.marking,
        },
        status=status,
    )


@requires(Action.VIEW_RECORDS)
def source_detail(request, pk: int):
    return _source_page(request, selectors.get_source_for(request.user, pk))


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_close(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.CLOSE_SOURCE)
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.source_close(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"“{source.title}” has been closed.")
            return redirect("recommendations:source", pk=source.pk)
    return _source_page(request, selectors.get_source_for(request.user, pk), close_form=form)


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_reopen(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.CLOSE_SOURCE)
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.source_reopen(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"“{source.title}” has been reopened.")
            return redirect("recommendations:source", pk=source.pk)
    return _source_page(request, selectors.get_source_for(request.user, pk), reopen_form=form)


@requires(Action.RESPOND_RECOMMENDATIONS)
def source_respond(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.RESPOND_RECOMMENDATIONS)
    items = selectors.source_recommendations(source)
    people = [(u.pk, u.full_name) for u in selectors.council_people(source.organisation_id)]
    lines = [
        forms.ResponseForm(
            request.POST or None,
            recommendation=item,
            people=people,
            initial={
                "response": item.response,
                "reason": item.reason,
                "lead": item.lead,
                "lead_user": item.lead_user_id,
                "milestone": item.milestone,
            },
        )
        for item in items
    ]
    summary = forms.GovukForm()
    # A list, not a generator: every line is validated so that every error shows.
    valid = [line.is_valid() for line in lines]
    if request.method == "POST" and all(valid):
        responses = [
            services.ResponseInput(recommendation_id=line.recommendation.pk, **_response(line))
            for line in lines
        ]
        try:
            services.source_respond(actor=request.user, source=source, responses=responses)
        except ValidationError as error:
            _errors_to_form(summary, error)
        else:
            messages.success(request, "The responses have been saved.")
            return redirect("recommendations:source", pk=source.pk)
    return render(
        request,
        "recommendations/source_respond.html",
        {
            "source": source,
            "lines": lines,
            "summary": summary,
            "classification": source.marking,
            "has_errors": summary.errors or any(line.errors for line in lines),
        },
    )


def _response(line) -> dict:
    data = line.cleaned_data
    return {
        "response": data["response"],
        "reason": data["reason"],
        "lead": data["lead"],
        "lead_user_id": data["lead_user"],
        "milestone": data["milestone"],
    }


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def recommendation_add(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.MANAGE_RECOMMENDATION_SOURCES)
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, f"Recommendation {form.cleaned_data['number']} has been added."
            )
            return redirect("recommendations:source", pk=source.pk)
    return render(
        request, "recommendations/recommendation_form.html", {"source": source, "form": form}
    )


# --- One recommendation -----------------------------------------------------


def _recommendation_page(request, recommendation, form, status=200):
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "source": recommendation.source,
            "progress": selectors.progress_of(recommendation),
            "form": form,
            "classification": recommendation.source.marking,
        },
        status=status,
    )


@requires(Action.VIEW_RECORDS)
def recommendation_detail(request, pk: int):
    recommendation = selectors.get_recommendation_for(request.user, pk)
    form = forms.ProgressForm(initial={"status": recommendation.status})
    return _recommendation_page(request, recommendation, form)


@require_POST
@requires(Action.RECORD_PROGRESS)
def progress_add(request, pk: int):
    recommendation = selectors.get_recommendation_for(request.user, pk, Action.RECORD_PROGRESS)
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.progress_add(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The progress has been recorded.")
            return redirect("recommendations:recommendation", pk=recommendation.pk)
    return _recommendation_page(request, selectors.get_recommendation_for(request.user, pk), form)


# --- Import -------------------------------------------------------------------

_SESSION_KEY = "recommendations_import"


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_import(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.MANAGE_RECOMMENDATION_SOURCES)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        taken = set(source.recommendations.values_list("number", flat=True))
        result = importing.parse(upload.name, upload.read(), taken)
        if result.ok:
            request.session[_SESSION_KEY] = {
                "source": source.pk,
                "rows": [row.to_session() for row in result.rows],
            }
        else:
            request.session.pop(_SESSION_KEY, None)
    return render(
        request,
        "recommendations/source_import.html",
        {"source": source, "form": form, "result": result},
    )


@require_POST
@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_import_confirm(request, pk: int):
    source = selectors.get_source_for(request.user, pk, Action.MANAGE_RECOMMENDATION_SOURCES)
    stored = request.session.get(_SESSION_KEY) or {}
    if stored.get("source") != source.pk:
        messages.error(request, "Upload the file again: there is no preview to confirm.")
        return redirect("recommendations:source_import", pk=source.pk)
    rows = [importing.ImportRow.from_session(row) for row in stored["rows"]]
    try:
        created = services.recommendations_import(actor=request.user, source=source, rows=rows)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("recommendations:source_import", pk=source.pk)
    request.session.pop(_SESSION_KEY, None)
    messages.success(
        request, f"{len(created)} recommendation{'s' if len(created) != 1 else ''} imported."
    )
    return redirect("recommendations:source", pk=source.pk)


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def import_template(request, extension: str):
    if extension == "csv":
        content = importing.template_csv()
    elif extension == "xlsx":
        content = importing.template_xlsx()
    else:
        raise Http404
    return file_response(content, filename="recommendations-template", extension=extension)


# --- Documents ----------------------------------------------------------------


@requires(Action.VIEW_RECORDS)
def document(request, pk: int, kind: str, extension: str):
    if kind not in documents.BUILDERS or extension not in documents.RENDERERS:
        raise Http404
    source = selectors.get_source_for(request.user, pk)
    context = documents.BUILDERS[kind](source, selectors.source_recommendations(source))
    content = documents.RENDERERS[extension](context)
    return file_response(content, filename=context.filename, extension=extension)
