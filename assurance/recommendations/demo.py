"""Demo register, written in our own words for fictional councils:

- a scrutiny review of Prevent at the London Borough of Eastwick, tracked to
  the end (16 recommendations: accepted, partially accepted and rejected,
  leads, progress, completion) and ready to be closed;
- Eastwick's response to a Home Office peer review, the matrix a council
  sends back after cabinet endorses it;
- an internal audit at Ashdown County Council, still open, with one milestone
  overdue and one due soon, so the main demo lead has work in the register.

Everything goes through the register's services, as the council, the
assessor and the analyst would on the pages (one field, the named verifier,
aside: see _closure_demo). Safe to re-run: a source that exists is left as
it is."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from assurance.accounts.demo import council_author
from assurance.accounts.models import User
from assurance.organisations.models import Organisation

from . import rules, services
from .models import (
    Extension,
    NationalSource,
    Recommendation,
    RecommendationSource,
    Response,
    SourceKind,
    Status,
)

CONTENT = Path(__file__).with_name("demo_content.yaml")
# Peer-review items are linked to criteria of this framework version when it is loaded.
LINKED_FRAMEWORK = ("home-office-la-scoring-criteria", "2021-22")


def _content() -> dict:
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))


def _in_days(offset: int | None) -> date | None:
    return timezone.localdate() + timedelta(days=offset) if offset is not None else None


def _record(
    organisation: Organisation, author: User, rows: list[dict], *, title: str, **fields
) -> list[Recommendation] | None:
    """The council records a source and its recommendations by hand and
    answers each (response, reason, lead, milestone), as on the pages: through
    source_create, recommendation_add and source_respond. None if the source
    is already there (the demo leaves it as it is)."""
    if RecommendationSource.objects.filter(organisation=organisation, title=title).exists():
        return None
    source = services.source_create(actor=author, organisation=organisation, title=title, **fields)
    items = [
        services.recommendation_add(
            actor=author,
            source=source,
            number=row["number"],
            text=row["text"],
            theme=row.get("theme", ""),
            criterion=row.get("criterion"),
        )
        for row in rows
    ]
    services.source_respond(
        actor=author,
        source=source,
        responses=[
            services.ResponseInput(
                recommendation_id=item.pk,
                response=row["response"],
                reason=row.get("reason") or "",
                lead=row.get("lead") or "",
                milestone=row.get("milestone"),
            )
            for item, row in zip(items, rows, strict=True)
        ],
    )
    return items


def _progress(item: Recommendation, author: User, entry: str, on: date, status: str, **kw):
    services.progress_add(
        actor=author, recommendation=item, entry=entry, status=status, worked_on=on, **kw
    )


def _scrutiny(eastwick: Organisation, author: User) -> None:
    rows = _content()["scrutiny"]
    items = _record(
        eastwick,
        author,
        rows,
        title="Prevent scrutiny review 2023/24",
        kind=SourceKind.SCRUTINY_REVIEW,
        made_by="Safer and Stronger Communities Scrutiny Panel",
        made_on=date(2024, 3, 14),
        reference="SSC/2024/07",
    )
    for item, row in zip(items or [], rows, strict=False):
        completed_on = row.get("completed_on")
        on = completed_on or row.get("milestone") or date(2025, 4, 1)
        _progress(item, author, row["progress"], on, row["status"], completed_on=completed_on)


def _criteria_by_number() -> dict:
    from assurance.frameworks.models import Criterion

    slug, version = LINKED_FRAMEWORK
    return {
        c.number: c
        for c in Criterion.objects.filter(
            framework_version__framework__slug=slug, framework_version__version=version
        )
    }


def _dated(rows: list[dict], criteria: dict | None = None) -> list[dict]:
    """Rows with their milestone (days from today) and criterion resolved."""
    return [
        {
            **row,
            "milestone": _in_days(row.get("milestone_in_days")),
            "criterion": (criteria or {}).get(row.get("criterion_number")),
        }
        for row in rows
    ]


def _started(items, rows, author: User, note: str, days_ago: int) -> None:
    """A progress note on each item under way."""
    on = timezone.localdate() - timedelta(days=days_ago)
    for item, row in zip(items or [], rows, strict=False):
        if row["status"] == Status.IN_PROGRESS:
            _progress(item, author, note, on, row["status"])


def _peer_review(eastwick: Organisation, author: User) -> None:
    rows = _dated(_content()["peer_review"], _criteria_by_number())
    items = _record(
        eastwick,
        author,
        rows,
        title="Home Office Prevent peer review 2025: response",
        kind=SourceKind.PEER_REVIEW,
        made_by="Home Office Prevent peer review team",
        made_on=timezone.localdate() - timedelta(days=75),
        reference="Cabinet report, item 11",
    )
    _started(
        items, rows, author, "Work has started; an update will go to the partnership board.", 20
    )


def _audit(ashdown: Organisation, author: User) -> None:
    rows = _dated(_content()["audit"])
    items = _record(
        ashdown,
        author,
        rows,
        title="Internal audit of Prevent arrangements 2026",
        kind=SourceKind.INTERNAL_AUDIT,
        made_by="Ashdown County Council Internal Audit",
        made_on=timezone.localdate() - timedelta(days=120),
        reference="IA-2026-14",
    )
    _started(items, rows, author, "Draft prepared and shared with the board secretary.", 30)


def seed() -> None:
    """Needs the organisations and accounts demos (seed_demo's DEMO_ORDER);
    fails if they have not run."""
    eastwick = Organisation.objects.get(name="London Borough of Eastwick")
    ashdown = Organisation.objects.get(name="Ashdown County Council")
    users = {
        u.email: u
        for u in User.objects.filter(
            email__in=[
                "lead@eastwick.example",
                "lead@ashdown.example",
                "assessor@homeoffice.example",
                "analyst@homeoffice.example",
            ]
        )
    }
    if len(users) < 4:
        raise ImproperlyConfigured(
            "The register demo needs the demo accounts: run the accounts demo first."
        )
    _scrutiny(eastwick, users["lead@eastwick.example"])
    _peer_review(eastwick, users["lead@eastwick.example"])
    _audit(ashdown, users["lead@ashdown.example"])
    _closure_demo(users)
    _national_demo(users)


# --- Verified closure and extensions, through the services -----------------------

EVIDENCE_URL = "https://www.example.gov.uk/prevent/partnership-board-minutes"


def _workable(source) -> list[Recommendation]:
    return list(
        source.recommendations.filter(
            response__in=[Response.ACCEPTED, Response.PARTIALLY_ACCEPTED],
            status__in=[Status.NOT_STARTED, Status.IN_PROGRESS],
        ).order_by("number")
    )


def _closure_demo(users: dict) -> None:
    """Eastwick's peer review: its review manager (the demo assessor, named as
    verifier) verifies one addressed item, sends one back and grants an
    extension. Ashdown's audit: its lead refuses an extension."""
    lead, assessor = users.get("lead@eastwick.example"), users.get("assessor@homeoffice.example")
    review = RecommendationSource.objects.filter(
        title__startswith="Home Office Prevent peer review"
    ).first()
    if (
        lead
        and assessor
        and review
        and not Extension.objects.filter(recommendation__source=review).exists()
    ):
        # No service names a verifier yet (no page sets one), so the demo
        # writes this one field directly; the rest goes through the services.
        review.verifier = assessor
        review.save(update_fields=["verifier"])
        items = _workable(review)
        for item, verify in zip(items[:2], (True, False), strict=False):
            item = services.recommendation_address(
                actor=lead,
                recommendation=item,
                statement="The board approved the revised arrangements.",
                evidence_title="Partnership board minutes",
                evidence_url=EVIDENCE_URL,
            )
            if verify:
                services.recommendation_verify(actor=assessor, recommendation=item)
            else:
                services.recommendation_send_back(
                    actor=assessor,
                    recommendation=item,
                    reason="The minutes show a decision but not the work done since.",
                )
        _extension(lead, assessor, items[2:], grant=True)
    ashdown_lead = users.get("lead@ashdown.example")
    audit = RecommendationSource.objects.filter(
        title__startswith="Internal audit of Prevent"
    ).first()
    if (
        ashdown_lead
        and audit
        and not Extension.objects.filter(recommendation__source=audit).exists()
    ):
        _extension(ashdown_lead, ashdown_lead, _workable(audit), grant=False)


def _extension(asker, approver, items, *, grant: bool) -> None:
    item = next((i for i in items if i.milestone), None)
    if item is None:
        return
    due = rules.date_in_force(item.milestone, item.revised_milestone)
    extension = services.extension_request(
        actor=asker,
        recommendation=item,
        requested_date=due + timedelta(days=90),
        reason="The partnership board that must approve the work meets next quarter.",
    )
    services.extension_decide(
        actor=approver,
        extension=extension,
        grant=grant,
        note="" if grant else "The work can be done by the date agreed with the committee.",
    )


# --- National recommendations, with mixed responses ----------------------------

_RESPONSES = ["accepted", "accepted", "partially_accepted", "pending", "rejected"]


def _national_demo(users: dict) -> None:
    """Published by the demo analyst to every English council; councils answer
    in a spread of ways so that the national view has something to count."""
    from assurance.organisations.models import Nation

    analyst = users.get("analyst@homeoffice.example")
    content = _content()["national"]
    if analyst is None or NationalSource.objects.filter(title=content["title"]).exists():
        return
    national = services.national_source_publish(
        actor=analyst,
        title=content["title"],
        made_by=content["made_by"],
        made_on=timezone.localdate() - timedelta(days=60),
        reference=content["reference"],
        recommendations=[
            (n, item["text"], item["theme"]) for n, item in enumerate(content["items"], start=1)
        ],
        nation=Nation.ENGLAND,
    )
    entries = (
        Recommendation.objects.filter(
            source__kind=SourceKind.NATIONAL,
            source__origin_id__in=national.applications.values("pk"),
        )
        .select_related("source__organisation")
        .order_by("source__organisation__name", "number")
    )
    answers: dict[RecommendationSource, list] = {}
    addressed = []
    for index, entry in enumerate(entries):
        response = _RESPONSES[index % len(_RESPONSES)]
        answers.setdefault(entry.source, []).append(
            services.ResponseInput(
                recommendation_id=entry.pk,
                response=response,
                reason="Already covered by the council's existing arrangements."
                if response in ("partially_accepted", "rejected")
                else "",
                milestone=timezone.localdate() + timedelta(days=30 * (1 + index % 6))
                if response in ("accepted", "partially_accepted")
                else None,
            )
        )
        if index % 7 == 0 and response == "accepted":
            addressed.append(entry)
    # Each council's lead answers its own copy, as on the whole-source page.
    authors = {}
    for source, responses in answers.items():
        authors[source.pk] = council_author(source.organisation)
        services.source_respond(actor=authors[source.pk], source=source, responses=responses)
    for entry in addressed:
        services.recommendation_address(
            actor=authors[entry.source_id],
            recommendation=entry,
            statement="The council's existing arrangements already do this; the board agreed.",
            evidence_title="Partnership board minutes",
            evidence_url=EVIDENCE_URL,
        )
