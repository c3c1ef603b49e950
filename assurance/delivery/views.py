"""Delivery pages: thin views that parse input, call one selector or
service, and render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, can, requires
from assurance.core.concurrency import FIELD, StaleRecord, history_mark, move_mark_on
from assurance.documents.responses import file_response
from assurance.ui.forms import add_service_errors

from . import charts, exports, forms, importing, presenters, rules, selectors, services
from .kinds import KINDS

READ, EDIT = Action.VIEW_RECORDS, Action.EDIT_DELIVERY_RECORDS
_SESSION_KEY = "delivery_import"


def _kind(slug: str):
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("No such kind of record.")
    return kind


def _period(request) -> str:
    period = request.GET.get("period", "")
    return period if rules.valid_period(period) else rules.period_for(timezone.localdate())


def _periods(current: str) -> list[str]:
    start = int(current[:4])
    today = rules.period_for(timezone.localdate())
    latest = max(start, int(today[:4]))
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(latest, latest - 5, -1)]


@requires(READ)
def index(request):
    councils = selectors.visible_councils(request.user, purpose=READ)
    page = Paginator(councils, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    if page.paginator.count == 1:
        return redirect("delivery:dashboard", org=page.object_list[0].pk)
    return render(request, "delivery/index.html", {"page": page})


@requires(READ)
def dashboard(request, org: int):
    council = selectors.get_council_for(request.user, org, purpose=READ)
    period = _period(request)
    board = selectors.dashboard(request.user, council, period, timezone.localdate())
    return render(
        request,
        "delivery/dashboard.html",
        {
            "council": council,
            "board": board,
            "periods": _periods(period),
            "kinds": KINDS.values(),
            "may_edit": can(request.user, EDIT, council.pk),
            "charts": _dashboard_charts(board),
        },
    )


def _dashboard_charts(board) -> dict:
    labels = {
        "not_started": "Not started",
        "in_progress": "In progress",
        "delayed": "Delayed",
        "completed": "Completed",
        "cancelled": "Cancelled",
    }
    actions = charts.bar_chart(
        "Plan actions by status",
        [(labels[s], n, str(n)) for s, n in board.actions.items()],
    )
    training = charts.bar_chart(
        "Training coverage by cohort (per cent trained)",
        [
            (t["cohort"].name, t["coverage"], f"{t['coverage']:g}%")
            for t in board.training
            if t["coverage"] is not None
        ],
        maximum=100,
        markers={
            t["cohort"].name: board.threshold
            for t in board.training
            if board.threshold is not None and t["cohort"].mandated
        },
        marker_label="expected coverage for mandated cohorts" if board.threshold else "",
    )
    view = board.referrals
    national_shares = view.national.shares if view.national else {}
    shares = charts.bar_chart(
        "Share of referrals by referring sector (per cent)",
        [
            (
                label,
                view.year.cells[code].share,
                "not shown"
                if view.year.cells[code].share is None
                else f"{view.year.cells[code].share:g}%",
            )
            for code, label in view.sectors
        ],
        maximum=100,
        markers={
            label: national_shares[code] for code, label in view.sectors if code in national_shares
        },
        marker_label="national share",
    )
    return {"actions": actions, "training": training, "shares": shares}


@requires(READ)
def record_list(request, org: int, slug: str):
    kind = _kind(slug)
    council = selectors.get_council_for(request.user, org, purpose=READ)
    period = request.GET.get("period", "")
    period = period if rules.valid_period(period) else None
    exact = selectors.exact_figures(request.user, council.pk)
    records = selectors.records_of(request.user, slug, council, purpose=READ, period=period)
    page = Paginator(records, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(r, presenters.cells(r, slug, exact=exact), presenters.is_sensitive(r)) for r in page]
    context = {
        "council": council,
        "kind": kind,
        "slug": slug,
        "page": page,
        "rows": rows,
        "headings": presenters.headings(slug),
        "may_edit": can(request.user, EDIT, council.pk),
        "marking": presenters.marking_of(page.object_list),
        "period": period,
        "importable": slug in importing.SPECS,
    }
    if slug == "referrals":
        context["referrals"] = selectors.referral_view(
            [council.pk], period or rules.period_for(timezone.localdate()), exact=exact
        )
        context["rows"] = context["rows"] if exact else []
    return render(request, "delivery/record_list.html", context)


@requires(READ)
def record_detail(request, slug: str, pk: int):
    kind = _kind(slug)
    record = selectors.get_record_for(request.user, slug, pk, purpose=READ)
    exact = selectors.exact_figures(request.user, record.organisation_id)
    council = selectors.get_council_for(request.user, record.organisation_id, purpose=READ)
    context = {
        "kind": kind,
        "slug": slug,
        "record": record,
        "council": council,
        "fields": list(
            zip(presenters.headings(slug), presenters.cells(record, slug, exact=exact), strict=True)
        ),
        "may_edit": can(request.user, EDIT, record.organisation_id),
        "marking": record.marking,
        "criteria": list(record.criteria.select_related("framework_version"))
        if kind.has_criteria
        else [],
    }
    if slug == "plans":
        context["actions"] = selectors.actions_of(record)
    elif slug == "actions":
        context["updates"] = selectors.updates_of(record)
        context["update_form"] = forms.UpdateForm()
    elif slug == "bodies":
        context["meetings"] = selectors.meetings_of(record)
    elif slug == "channel":
        context["quarters"] = selectors.quarters_of(record, exact=exact)
        context["meetings"] = selectors.meetings_of(record.body)
        context["by_month"] = selectors.meetings_by_month(
            context["meetings"], timezone.localdate()
        )[0]
    return render(request, "delivery/record_detail.html", context)


def _values(form) -> dict:
    return dict(form.cleaned_data)


@requires(EDIT)
def record_create(request, org: int, slug: str):
    kind = _kind(slug)
    council = selectors.get_council_for(request.user, org, purpose=EDIT)
    initial = {}
    if kind.parent and request.GET.get(kind.parent, "").isdigit():
        initial[kind.parent] = int(request.GET[kind.parent])
    form = forms.RecordForm(slug, council.pk, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.delivery_record_create(
                actor=request.user, slug=slug, organisation=council, values=_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {kind.label} is saved.")
            return redirect("delivery:record", slug=slug, pk=record.pk)
    return render(
        request,
        "delivery/record_form.html",
        {"form": form, "kind": kind, "slug": slug, "council": council, "record": None},
    )


@requires(EDIT)
def record_edit(request, slug: str, pk: int):
    kind = _kind(slug)
    record = selectors.get_record_for(request.user, slug, pk, purpose=EDIT)
    council = selectors.get_council_for(request.user, record.organisation_id, purpose=EDIT)
    form = forms.RecordForm(
        slug,
        council.pk,
        request.POST or None,
        initial={**forms.initial_for(record, slug), FIELD: history_mark(record)},
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        seen = values.pop(FIELD, None)
        try:
            services.delivery_record_update(
                actor=request.user, slug=slug, record=record, values=values, seen_version=seen
            )
        except StaleRecord as error:
            add_service_errors(form, error)
            move_mark_on(form, error.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {kind.label} is saved.")
            return redirect("delivery:record", slug=slug, pk=record.pk)
    return render(
        request,
        "delivery/record_form.html",
        {
            "form": form,
            "kind": kind,
            "slug": slug,
            "council": council,
            "record": record,
            "marking": record.marking,
        },
    )


@require_POST
@requires(EDIT)
def update_add(request, pk: int):
    action = selectors.get_record_for(request.user, "actions", pk, purpose=EDIT)
    form = forms.UpdateForm(request.POST)
    if form.is_valid():
        try:
            services.action_update_add(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The progress update is saved.")
            return redirect("delivery:record", slug="actions", pk=action.pk)
    council = selectors.get_council_for(request.user, action.organisation_id, purpose=EDIT)
    return render(
        request,
        "delivery/record_detail.html",
        {
            "kind": KINDS["actions"],
            "slug": "actions",
            "record": action,
            "council": council,
            "fields": list(
                zip(
                    presenters.headings("actions"),
                    presenters.cells(action, "actions", exact=True),
                    strict=True,
                )
            ),
            "may_edit": True,
            "marking": action.marking,
            "updates": selectors.updates_of(action),
            "update_form": form,
            "failed_form": form,
        },
    )


@requires(READ)
def export(request, org: int, slug: str):
    kind = _kind(slug)
    council = selectors.get_council_for(request.user, org, purpose=READ)
    exact = selectors.exact_figures(request.user, council.pk)
    records = list(selectors.records_of(request.user, slug, council, purpose=READ))
    if slug == "referrals":
        period = _period(request)
        view = selectors.referral_view([council.pk], period, exact=exact)
        content = exports.referrals_xlsx(
            view, organisation_name=council.name, marking=presenters.marking_of(records)
        )
    else:
        content = exports.register_xlsx(slug, records, organisation_name=council.name, exact=exact)
    return file_response(content, filename=f"{council.name}-{kind.plural}", extension="xlsx")


@requires(EDIT)
def import_upload(request, org: int, slug: str):
    if slug not in importing.SPECS:
        raise Http404
    council = selectors.get_council_for(request.user, org, purpose=EDIT)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        references = selectors.import_references(slug, council)
        result = importing.parse(slug, upload.name, upload.read(), references, timezone.localdate())
        if result.ok:
            request.session[_SESSION_KEY] = {
                "organisation": council.pk,
                "slug": slug,
                "rows": importing.to_session(result),
            }
        else:
            request.session.pop(_SESSION_KEY, None)
    spec = importing.SPECS[slug]
    return render(
        request,
        "delivery/import.html",
        {
            "council": council,
            "slug": slug,
            "spec": spec,
            "form": form,
            "result": result,
            "kind": KINDS[slug],
            "headings": [c.heading for c in spec.columns],
            "keys": [c.key for c in spec.columns],
        },
    )


@require_POST
@requires(EDIT)
def import_confirm(request, org: int, slug: str):
    if slug not in importing.SPECS:
        raise Http404
    council = selectors.get_council_for(request.user, org, purpose=EDIT)
    stored = request.session.get(_SESSION_KEY) or {}
    if stored.get("organisation") != council.pk or stored.get("slug") != slug:
        messages.error(request, "Upload the file again: there is no preview to confirm.")
        return redirect("delivery:import", org=council.pk, slug=slug)
    rows = importing.from_session(slug, stored["rows"])
    try:
        created = services.delivery_rows_import(
            actor=request.user, slug=slug, organisation=council, rows=rows
        )
    except ValidationError as error:
        messages.error(request, "Nothing was imported. " + " ".join(error.messages))
        return redirect("delivery:import", org=council.pk, slug=slug)
    request.session.pop(_SESSION_KEY, None)
    messages.success(request, f"{len(created)} row{'s' if len(created) != 1 else ''} imported.")
    return redirect("delivery:records", org=council.pk, slug=slug)


@requires(EDIT)
def import_template(request, slug: str, extension: str):
    if slug not in importing.SPECS or extension not in ("csv", "xlsx"):
        raise Http404
    content = importing.template_csv(slug) if extension == "csv" else importing.template_xlsx(slug)
    return file_response(content, filename=f"{slug}-template", extension=extension)
