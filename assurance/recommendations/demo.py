"""Demo register, written in our own words for fictional councils:

- a scrutiny review of Prevent at the London Borough of Eastwick, tracked to
  the end (16 recommendations: accepted, partially accepted and rejected,
  leads, progress, completion) and ready to be closed;
- Eastwick's response to a Home Office peer review, the matrix a council
  sends back after cabinet endorses it;
- an internal audit at Ashdown County Council, still open, with one milestone
  overdue and one due soon, so the main demo lead has work in the register.

Safe to re-run: a source that exists is left as it is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from assurance.accounts.models import User
from assurance.organisations.models import Organisation

from . import rules
from .models import (
    Extension,
    NationalSource,
    ProgressEntry,
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


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _source(organisation, title, **fields) -> tuple[RecommendationSource, bool]:
    return RecommendationSource.objects.get_or_create(
        organisation=organisation, title=title, defaults=fields
    )


def _progress(recommendation, author, entry, on: date, status_to: str) -> None:
    progress = ProgressEntry.objects.create(
        recommendation=recommendation,
        entry=entry,
        author=author,
        status_from=Status.NOT_STARTED,
        status_to=status_to,
    )
    ProgressEntry.objects.filter(pk=progress.pk).update(created_at=_at(on))


def _scrutiny(eastwick: Organisation, author: User | None) -> None:
    source, created = _source(
        eastwick,
        "Prevent scrutiny review 2023/24",
        kind=SourceKind.SCRUTINY_REVIEW,
        made_by="Safer and Stronger Communities Scrutiny Panel",
        made_on=date(2024, 3, 14),
        reference="SSC/2024/07",
    )
    if not created:
        return
    for row in _content()["scrutiny"]:
        note = row.pop("progress")
        item = Recommendation.objects.create(source=source, **row)
        if author is not None:
            on = item.completed_on or (item.milestone or date(2025, 4, 1))
            _progress(item, author, note, on, item.status)


def _criteria_by_number() -> dict:
    from assurance.frameworks.models import Criterion

    slug, version = LINKED_FRAMEWORK
    return {
        c.number: c
        for c in Criterion.objects.filter(
            framework_version__framework__slug=slug, framework_version__version=version
        )
    }


def _peer_review(eastwick: Organisation, author: User | None) -> None:
    today = timezone.localdate()
    source, created = _source(
        eastwick,
        "Home Office Prevent peer review 2025: response",
        kind=SourceKind.PEER_REVIEW,
        made_by="Home Office Prevent peer review team",
        made_on=today - timedelta(days=75),
        reference="Cabinet report, item 11",
    )
    if not created:
        return
    criteria = _criteria_by_number()
    for row in _content()["peer_review"]:
        item = Recommendation.objects.create(
            source=source,
            criterion=criteria.get(row.pop("criterion_number")),
            milestone=_in_days(row.pop("milestone_in_days")),
            **row,
        )
        if author is not None and item.status == Status.IN_PROGRESS:
            _progress(
                item,
                author,
                "Work has started; an update will go to the partnership board.",
                today - timedelta(days=20),
                item.status,
            )


def _audit(ashdown: Organisation, author: User | None) -> None:
    today = timezone.localdate()
    source, created = _source(
        ashdown,
        "Internal audit of Prevent arrangements 2026",
        kind=SourceKind.INTERNAL_AUDIT,
        made_by="Ashdown County Council Internal Audit",
        made_on=today - timedelta(days=120),
        reference="IA-2026-14",
    )
    if not created:
        return
    for row in _content()["audit"]:
        item = Recommendation.objects.create(
            source=source, milestone=_in_days(row.pop("milestone_in_days")), **row
        )
        if author is not None and item.status == Status.IN_PROGRESS:
            _progress(
                item,
                author,
                "Draft prepared and shared with the board secretary.",
                today - timedelta(days=30),
                item.status,
            )


def seed() -> None:
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=["London Borough of Eastwick", "Ashdown County Council"]
        )
    }
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
    if "London Borough of Eastwick" in organisations:
        eastwick = organisations["London Borough of Eastwick"]
        _scrutiny(eastwick, users.get("lead@eastwick.example"))
        _peer_review(eastwick, users.get("lead@eastwick.example"))
    if "Ashdown County Council" in organisations:
        _audit(organisations["Ashdown County Council"], users.get("lead@ashdown.example"))
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
    from . import services

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
    from . import services

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

    from . import services

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
    entries = Recommendation.objects.filter(
        source__kind=SourceKind.NATIONAL,
        source__origin_id__in=national.applications.values("pk"),
    ).order_by("source__organisation__name", "number")
    changed = []
    for index, entry in enumerate(entries):
        entry.response = _RESPONSES[index % len(_RESPONSES)]
        if entry.response in ("partially_accepted", "rejected"):
            entry.reason = "Already covered by the council's existing arrangements."
        if entry.response in ("accepted", "partially_accepted"):
            entry.milestone = timezone.localdate() + timedelta(days=30 * (1 + index % 6))
        if index % 7 == 0 and entry.response == "accepted":
            entry.status, entry.verification = Status.COMPLETED, "addressed"
        changed.append(entry)
    Recommendation.objects.bulk_update(
        changed, ["response", "reason", "milestone", "status", "verification"]
    )
