"""The self-assessment task page's shared handling, for whichever app owns
the criterion rows (the annual assessment, a peer review's host).

Each owning app keeps its own URLs, its own scoped getter and services, and
passes them in a ``TaskEvidence``; ``evidence_views`` makes its three
evidence views, each declaring the access it needs. What the two pages do alike (the evidence
forms and rows beside the narrative, adding and removing evidence, keeping
the person's text after a concurrent save) is written once here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.submissions import submitted_once
from assurance.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from assurance.ui.forms import add_service_errors

# prefix → (form, the service's keyword for what was given, the form's field)
EVIDENCE_FORMS = {
    "file": (EvidenceFileForm, "upload", "file"),
    "link": (EvidenceLinkForm, "url", "url"),
}


@dataclass(frozen=True)
class TaskEvidence:
    """What an owning app supplies to the shared evidence handling.

    ``get_response_for(user, pk, criterion_pk, purpose=purpose)`` is the
    app's scoped getter;
    ``render_task(request, response, **forms)`` shows the task page again with
    the forms given (a refused one keeps the person's input);
    ``after_change(request, response, message)`` is where a successful add or
    remove leads. The three services take the owning app's keyword arguments
    (``actor``, ``response``, then the evidence details or ``item``)."""

    get_response_for: Callable[..., Any]  # the app's scoped getter, taking purpose=
    purpose: Action  # the purpose that finds the criterion for its evidence
    get_item: Callable[[Any, int], Any]
    render_task: Callable[..., HttpResponse]
    after_change: Callable[[HttpRequest, Any, str], HttpResponse]
    file_add: Callable[..., Any]
    link_add: Callable[..., Any]
    remove: Callable[..., Any]
    task_url: str  # the URL name of the task page, taking (pk, criterion_pk)


def evidence_context(
    namespace: str,
    args: list[int],
    evidence: Iterable,
    *,
    file_form=None,
    link_form=None,
    stale: Callable[[Any], bool] | None = None,
) -> dict:
    """The evidence part of a task page: both add forms (a refused one as
    it was sent), where they post, and each item with its remove address
    and, where the owning app judges it (``stale``), whether it predates
    the period."""
    return {
        "file_form": file_form or EvidenceFileForm(prefix="file"),
        "link_form": link_form or EvidenceLinkForm(prefix="link"),
        "file_action": reverse(f"{namespace}:evidence_file", args=args),
        "link_action": reverse(f"{namespace}:evidence_link", args=args),
        "evidence_rows": [
            {
                "item": item,
                "remove_url": reverse(f"{namespace}:evidence_remove", args=[*args, item.pk]),
                "stale": bool(stale and stale(item)),
            }
            for item in evidence
        ],
    }


def evidence_add(
    request, pk: int, criterion_pk: int, prefix: str, handling: TaskEvidence
) -> HttpResponse:
    """Add a file or a link (``prefix``) to the criterion, once however often
    the form is sent; a refusal goes on the form."""
    response = handling.get_response_for(request.user, pk, criterion_pk, purpose=handling.purpose)
    form_class, keyword, field = EVIDENCE_FORMS[prefix]
    add = handling.file_add if prefix == "file" else handling.link_add
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        data = form.cleaned_data
        with submitted_once(request, form) as once:
            if once.repeat_url:
                return once.repeat()
            try:
                add(
                    actor=request.user,
                    response=response,
                    title=data["title"],
                    evidence_date=data["evidence_date"],
                    marking=data["marking"],
                    **{keyword: data[field]},
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                done = f"Evidence “{data['title']}” added."
                return once.done(handling.after_change(request, response, done))
    return handling.render_task(request, response, **{f"{prefix}_form": form})


def evidence_remove(
    request, pk: int, criterion_pk: int, evidence_pk: int, handling: TaskEvidence
) -> HttpResponse:
    """Remove one item of the criterion's evidence; a refusal is flashed on
    the task page."""
    response = handling.get_response_for(request.user, pk, criterion_pk, purpose=handling.purpose)
    item = handling.get_item(response, evidence_pk)
    try:
        handling.remove(actor=request.user, response=response, item=item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(handling.task_url, pk, criterion_pk)
    return handling.after_change(request, response, f"Evidence “{item.title}” removed.")


def evidence_views(handling: TaskEvidence, *, action: Action):
    """The three evidence views of an owning app's task page (add a file, add
    a link, remove), each POST only and requiring ``action``; the app routes
    them under its own URL names."""

    @require_POST
    @requires(action)
    def evidence_file_add(request, pk: int, criterion_pk: int):
        return evidence_add(request, pk, criterion_pk, "file", handling)

    @require_POST
    @requires(action)
    def evidence_link_add(request, pk: int, criterion_pk: int):
        return evidence_add(request, pk, criterion_pk, "link", handling)

    @require_POST
    @requires(action)
    def remove(request, pk: int, criterion_pk: int, evidence_pk: int):
        return evidence_remove(request, pk, criterion_pk, evidence_pk, handling)

    return evidence_file_add, evidence_link_add, remove
