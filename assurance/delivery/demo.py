"""Demo delivery records: one council with a full year in good order and one
with gaps that the quality checks catch, laid over the assessment year in
the demo (2023/24) and over the twelve months up to today, written by each
council's lead through the delivery services (so the quality rules and the
history apply as on the pages). Idempotent."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from assurance.accounts.demo import council_author
from assurance.organisations.models import Organisation

from . import models as m
from . import rules, services

CONTENT = yaml.safe_load((Path(__file__).parent / "demo_content.yaml").read_text())
COUNCILS = [("Ashdown County Council", "full"), ("London Borough of Eastwick", "gaps")]
SECTORS = ["education", "police", "health", "local_authority", "community", "other"]


def _add_months(start: date, months: int, day: int = 1) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class _Year:
    def __init__(self, start: date, today: date):
        self.start, self.today = start, today

    def on(self, offset) -> date | None:
        return None if offset is None else _add_months(self.start, offset[0], offset[1])

    def past(self, day: date | None) -> bool:
        return day is not None and day <= self.today


def _create(author, org, slug: str, values: dict):
    """One delivery record, through the service the pages use."""
    return services.delivery_record_create(actor=author, slug=slug, organisation=org, values=values)


def _bodies(org, content, year, short, bodies, author) -> None:
    for item in content["bodies"]:
        body = bodies.get(item["key"])
        if body is None:
            body = _create(
                author,
                org,
                "bodies",
                {
                    "name": item["name"].format(short=short),
                    "kind": item["kind"],
                    "chair_role": item["chair_role"],
                    "member_agencies": item["member_agencies"],
                    "cadence_months": item["cadence_months"],
                },
            )
            bodies[item["key"]] = body
        dates = (
            [(year.on([month, 14]), False) for month in range(12)]
            if item.get("monthly")
            else [(year.on(x[:2]), x[2]) for x in item.get("meetings", [])]
        )
        for day, reviewed in dates:
            if year.past(day):
                _create(
                    author,
                    org,
                    "meetings",
                    {
                        "body": body,
                        "meeting_on": day,
                        "status": m.MeetingStatus.HELD,
                        "sectors_attending": item["sectors"],
                        "plan_reviewed": reviewed,
                    },
                )


def _plan(org, content, year, short, bodies, author) -> None:
    item = content["plan"]
    period = rules.period_for(year.start)
    plan = _create(
        author,
        org,
        "plans",
        {
            "title": item["title"].format(short=short),
            "version_label": period,
            "approved_on": year.on(item["approved"]),
            "board": bodies[item["board"]],
            "review_cadence_months": item["cadence"],
        },
    )
    risks = [
        _create(
            author,
            org,
            "risks",
            {
                "title": r["title"],
                "source": r["source"],
                "rating": r["rating"],
                "last_reviewed_on": year.on(r["reviewed"]),
            },
        )
        for r in content["risks"]
    ]
    for a in content["actions"]:
        due = year.on(a["due"])
        status = a["status"] if year.past(due) or a["status"] != "completed" else "in_progress"
        action = _create(
            author,
            org,
            "actions",
            {
                "plan": plan,
                "reference": a["ref"],
                "title": a["title"],
                "owner": a["owner"].format(short=short),
                "start_on": year.on(a["start"]),
                "due_on": due,
                "status": status,
                "risks": [risks[a["risk"]]],
            },
        )
        for u in a["updates"]:
            day = year.on(u[:2])
            if year.past(day):
                services.action_update_add(actor=author, action=action, recorded_on=day, note=u[2])


def _channel(org, content, year, bodies, author) -> None:
    item = content["channel"]
    panel = m.ChannelPanel.objects.filter(organisation=org).first()
    terms, statement = year.on(item["terms_reviewed"]), year.on(item["statement"])
    values = {
        "body": bodies[item["body"]],
        "chair_role": item["chair_role"],
        "chair_trained": item["chair_trained"],
        "deputy_role": item["deputy_role"],
        "deputy_trained": item["deputy_trained"],
        "terms_document": item["terms_document"],
    }
    if year.past(terms):
        values["terms_reviewed_on"] = terms
    if year.past(statement):
        values["statement_submitted_on"] = statement
    if panel is None:
        panel = _create(author, org, "channel", values)
    else:
        panel = services.delivery_record_update(
            actor=author, slug="channel", record=panel, values=values
        )
    for index, counts in enumerate(item["quarters"]):
        quarter_start = year.on([3 * index, 1])
        if not year.past(quarter_start + timedelta(days=80)):
            continue
        _create(
            author,
            org,
            "channel-quarters",
            {
                "panel": panel,
                "period": rules.period_for(quarter_start),
                "quarter": rules.quarter_of(quarter_start),
                **dict(
                    zip(
                        [
                            "discussed",
                            "adopted",
                            "closed",
                            "reviewed_6_months",
                            "reviewed_12_months",
                        ],
                        counts,
                        strict=True,
                    )
                ),
            },
        )


def _figures(org, content, year, author) -> None:
    for index, counts in enumerate(content["referrals"]):
        quarter_start = year.on([3 * index, 1])
        if not year.past(quarter_start + timedelta(days=80)):
            continue
        for sector, count in zip(SECTORS, counts, strict=True):
            _create(
                author,
                org,
                "referrals",
                {
                    "period": rules.period_for(quarter_start),
                    "quarter": rules.quarter_of(quarter_start),
                    "sector": sector,
                    "count": count,
                },
            )
    for t in content["training"]:
        day = year.on(t["at"])
        if year.past(day):
            _create(
                author,
                org,
                "training",
                {
                    "name": t["name"],
                    "mode": t["mode"],
                    "mandated": t["mandated"],
                    "cohort_size": t["size"],
                    "trained": t["trained"],
                    "as_at": day,
                },
            )
    for e in content["engagement"]:
        day = year.on(e["held"])
        if year.past(day):
            _create(
                author,
                org,
                "engagement",
                {
                    "title": e["title"],
                    "kind": e["kind"],
                    "held_on": day,
                    "audience_type": e["audience"],
                    "attendance": e.get("attendance"),
                    "feedback_responses": e.get("responses"),
                    "feedback_positive_percent": e.get("positive"),
                },
            )


def _policies(org, content, year, author) -> None:
    for p in content["policies"]:
        values = {
            "kind": p["kind"],
            "title": p["title"],
            "owner": p["owner"],
            "document": p["document"],
            "last_reviewed_on": year.on(p["last"]),
            "next_review_on": year.on(p["next"]),
        }
        policy = m.Policy.objects.filter(organisation=org, kind=p["kind"], title=p["title"]).first()
        if policy is None:
            _create(author, org, "policies", values)
        else:
            services.delivery_record_update(
                actor=author, slug="policies", record=policy, values=values
            )


def seed_council(org: Organisation, shape: str, starts: list[date], today: date) -> None:
    """A council's delivery records, written by its lead through the services."""
    content = CONTENT[shape]
    short = org.name.split()[0] if not org.name.startswith("London") else org.name.split()[-1]
    author = council_author(org)
    bodies: dict[str, m.GovernanceBody] = {}
    for start in starts:
        year = _Year(start, today)
        _bodies(org, content, year, short, bodies, author)
        _plan(org, content, year, short, bodies, author)
        _channel(org, content, year, bodies, author)
        _figures(org, content, year, author)
        _policies(org, content, year, author)


@transaction.atomic
def seed() -> None:
    today = timezone.localdate()
    rolling = _add_months(date(today.year, today.month, 1), -11)
    for name, shape in COUNCILS:
        org = Organisation.objects.get(name=name)
        if m.GovernanceBody.objects.filter(organisation=org).exists():
            continue
        seed_council(org, shape, [date(2023, 4, 1), rolling], today)
