"""A fictional national data set for benchmarks and oversight work.

``generate(seed)`` fills an empty, migrated database with about 380 councils
in the regions and nations of Great Britain, their users, 25 assessors, eight
periods of issued assessments, about 40,000 recommendations and 200,000
progress entries, evidence and history. The same seed gives the same data.

How levels are made (docs/operations.md says more):
- every council has a latent *standing* (normal, mean 0, sd 0.8 levels on the
  1–5 scale; scaled by half on the 1–3 toolkit scale);
- every assessor has a *bias*: 0 ± 0.15 for most; +1 level for the two
  planted lenient assessors, −1 for the one planted severe assessor;
- an assessed level is round(middle + standing + bias + noise), noise
  normal with sd 0.45, clipped to the scale; the council's self-assessed
  level is its standing plus a little optimism and its own noise;
- a region's assessors take its councils in rotation, so every council is
  seen by several assessors across the periods and an assessor's bias can be
  told apart from the standing of the councils they happened to assess.
"""

from __future__ import annotations

import ast
import hashlib
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from ..planner import refresh_planner_statistics
from .names import NameMaker

# Inputs that change the data: bump VERSION when the generator's logic changes
# in a way the source hash would not show (it hashes this package anyway).
VERSION = 1
PASSWORD = "national-Prevent-2026"
PERIODS = ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
FRAMEWORK_FOR_PERIOD = ["home-office-la-scoring-criteria"] * 4 + [
    "home-office-prevent-duty-toolkit"
] * 4
LENIENT_BIAS, SEVERE_BIAS, NORMAL_BIAS_SPREAD, LEVEL_NOISE = 1.0, -1.0, 0.15, 0.45
ASSESSED_SHARE = 0.93  # of councils assessed in a period
LARGE_SOURCES = 10  # scrutiny reviews and audits of several hundred recommendations
BATCH = 5000

# region, nation, [districts per county], unitaries, metropolitan, London boroughs, assessors
REGIONS = [
    ("North East", "england", [], 7, 5, 0, 1),
    ("North West", "england", [6, 6], 9, 10, 0, 3),
    ("Yorkshire and the Humber", "england", [7], 5, 9, 0, 1),
    ("East Midlands", "england", [8, 7, 7, 7], 5, 0, 0, 3),
    ("West Midlands", "england", [6, 5, 5], 10, 7, 0, 3),
    ("East of England", "england", [12, 10, 8, 12], 6, 0, 0, 3),
    ("London", "england", [], 0, 0, 33, 3),
    ("South East", "england", [10, 11, 12, 12, 7, 4], 12, 0, 0, 3),
    ("South West", "england", [6, 4, 2], 12, 0, 0, 1),
    ("Wales", "wales", [], 22, 0, 0, 1),
    ("Scotland", "scotland", [], 32, 0, 0, 3),
]
# Where the planted assessors work: (region, kind); each region has three assessors.
PLANTED = [("South East", "lenient"), ("North West", "lenient"), ("East of England", "severe")]

_TEXTS = yaml.safe_load((Path(__file__).with_name("texts.yaml")).read_text())
RECOMMENDATION_TEXTS = _TEXTS["recommendation_texts"]
PROGRESS_TEXTS = _TEXTS["progress_texts"]
FEEDBACK = _TEXTS["feedback"]


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    planted: list[tuple[str, str, str]] = field(default_factory=list)  # kind, name, email
    busiest: dict[str, object] = field(default_factory=dict)


def inputs_hash(seed: int) -> str:
    """Identifies the data a seed gives with this generator: the seed, the
    generator's source and the framework files. Migrations are not inputs:
    the bench migrates a reused database forward (new indexes, new tables)."""
    digest = hashlib.sha256(f"{VERSION}:{seed}".encode())
    here = Path(__file__).resolve().parent
    root = here.parent.parent
    files = sorted(here.glob("*.py")) + sorted(here.glob("*.yaml"))
    files += sorted((root / "frameworks" / "data").rglob("*.yaml"))
    for path in files:
        digest.update(path.name.encode())
        text = path.read_text()
        # The syntax tree, so that reformatting or a comment does not rebuild the data.
        digest.update(ast.dump(ast.parse(text)).encode() if path.suffix == ".py" else text.encode())
    return digest.hexdigest()[:16]


@contextmanager
def _explicit_timestamps(*models) -> Iterator[None]:
    """Let bulk_create keep the dates we set instead of stamping 'now'."""
    saved = []
    for model in models:
        for f in model._meta.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _period_start(period: str) -> date:
    return date(int(period[:4]), 4, 1)


class Generator:
    def __init__(self, seed: int, progress: Callable[[str, int, int], None]) -> None:
        self.rng = random.Random(seed)
        self.names = NameMaker(random.Random(seed + 1))
        self.progress = progress
        self.result = Result()
        self.password = make_password(PASSWORD, salt=f"national{seed}")

    # --- helpers --------------------------------------------------------------
    def _bulk(self, model, objs: list, label: str | None = None) -> list:
        """bulk_create with history rows, in batches, dated by each object's
        ``_history_date``."""
        created = []
        for start in range(0, len(objs), BATCH):
            chunk = objs[start : start + BATCH]
            created += bulk_create_with_history(chunk, model, batch_size=BATCH)
            if label:
                self.progress(label, min(start + BATCH, len(objs)), len(objs))
        key = model._meta.verbose_name_plural
        self.result.counts[str(key)] = self.result.counts.get(str(key), 0) + len(objs)
        return created

    # --- organisations and people ---------------------------------------------
    def organisations(self) -> None:
        from assurance.organisations.models import Organisation, Partnership, Region

        self.regions = self._bulk(
            Region,
            [Region(name=name, nation=nation) for name, nation, *_ in REGIONS],
        )
        codes = {"county": "E10", "district": "E07", "unitary": "E06", "metropolitan": "E08"}
        codes |= {"london_borough": "E09", "welsh": "W06", "scottish": "S12"}
        orgs, parents = [], {}
        serial = 0
        for region, (_name, nation, districts, unitaries, metros, london, _) in zip(
            self.regions, REGIONS, strict=True
        ):
            plan = []
            for count in districts:
                county = f"{self.names.place(nation)}shire County Council"
                plan.append((county, "county", None))
                plan += [
                    (f"{self.names.place(nation)} District Council", "district", county)
                    for _ in range(count)
                ]
            unitary_kind = {"wales": "welsh", "scotland": "scottish"}.get(nation, "unitary")
            suffix = {"wales": "County Borough Council", "scotland": "Council"}.get(
                nation, "Council"
            )
            plan += [
                (f"{self.names.place(nation)} {suffix}", unitary_kind, None)
                for _ in range(unitaries)
            ]
            plan += [
                (f"{self.names.place(nation)} Metropolitan Borough Council", "metropolitan", None)
                for _ in range(metros)
            ]
            plan += [
                (f"London Borough of {self.names.place(nation)}", "london_borough", None)
                for _ in range(london)
            ]
            for org_name, kind, county in plan:
                serial += 1
                orgs.append(
                    Organisation(
                        name=org_name,
                        kind=kind,
                        region=region,
                        gss_code=f"{codes[kind]}{serial:06d}"[:9],
                        is_priority_area=self.rng.random() < 0.15,
                    )
                )
                if county:
                    parents[org_name] = county
        bodies = [
            Organisation(name="Home Office Prevent Assurance (fictional)", kind="assessing_body"),
            Organisation(name="Scottish Prevent Reviews (fictional)", kind="assessing_body"),
        ]
        # Counties first so that districts can point at them.
        by_name = {
            o.name: o
            for o in self._bulk(Organisation, [o for o in orgs if o.kind != "district"] + bodies)
        }
        for o in orgs:
            if o.kind == "district":
                o.parent = by_name[parents[o.name]]
        by_name |= {
            o.name: o for o in self._bulk(Organisation, [o for o in orgs if o.kind == "district"])
        }
        self.councils = [by_name[o.name] for o in orgs]
        self.home_office, self.scottish_body = by_name[bodies[0].name], by_name[bodies[1].name]
        self.standing = {c.pk: self.rng.gauss(0, 0.8) for c in self.councils}
        # Partnerships: a few councils of one region that deliver jointly.
        partnerships = []
        by_region: dict[int, list] = {}
        for c in self.councils:
            by_region.setdefault(c.region_id, []).append(c)
        for i, region in enumerate(self.regions):
            members = self.rng.sample(by_region[region.pk], 3)
            partnerships.append((Partnership(name=f"{region.name} Prevent Partnership"), members))
            if len(by_region[region.pk]) > 20:
                pair = self.rng.sample(by_region[region.pk], 2)
                partnerships.append(
                    (
                        Partnership(
                            name=f"{pair[0].name.split()[0]} and {pair[1].name.split()[0]} "
                            f"Joint Prevent Partnership {i}"
                        ),
                        pair,
                    )
                )
        created = self._bulk(Partnership, [p for p, _ in partnerships])
        through = Partnership.members.through
        through.objects.bulk_create(
            [
                through(partnership_id=p.pk, organisation_id=m.pk)
                for p, (_, members) in zip(created, partnerships, strict=True)
                for m in members
            ]
        )
        self.partnerships = list(zip(created, [m for _, m in partnerships], strict=True))
        self.by_region = by_region

    def people(self) -> None:
        from assurance.accounts.models import AssessorAssignment, Membership, Role, User

        users, memberships = [], []

        def user(email: str, role: str, organisation=None, **extra) -> User:
            u = User(email=email, full_name=self.names.person(), password=self.password)
            u._pda_role = (role, organisation, extra)
            users.append(u)
            return u

        for c in self.councils:
            slug = c.gss_code.lower()
            user(f"lead.{slug}@national.example", Role.COUNCIL_LEAD, c)
            user(f"contributor.{slug}@national.example", Role.COUNCIL_CONTRIBUTOR, c)
            user(f"viewer.{slug}@national.example", Role.COUNCIL_VIEWER, c)
        self.assessors: dict[int, list] = {}
        number = 0
        for region, (_name, nation, *_, assessor_count) in zip(self.regions, REGIONS, strict=True):
            body = self.scottish_body if nation == "scotland" else self.home_office
            self.assessors[region.pk] = []
            for _ in range(assessor_count):
                number += 1
                a = user(f"assessor{number:02d}@national.example", Role.ASSESSOR, body)
                a.full_name = self.names.person(unique=True)
                a._region = region
                a._bias = self.rng.uniform(-NORMAL_BIAS_SPREAD, NORMAL_BIAS_SPREAD)
                self.assessors[region.pk].append(a)
        for i in range(3):
            user(f"analyst{i + 1}@national.example", Role.NATIONAL_ANALYST, can_moderate=i == 0)
        for i in range(2):
            user(f"admin{i + 1}@national.example", Role.ADMINISTRATOR).is_staff = True
        created = self._bulk(User, users)
        for u, original in zip(created, users, strict=True):
            role, organisation, extra = original._pda_role
            memberships.append(Membership(user=u, organisation=organisation, role=role, **extra))
        self._bulk(Membership, memberships)
        assignments = []
        for region in self.regions:
            for a in self.assessors[region.pk]:
                assignments.append(AssessorAssignment(assessor=a, region=region))
        self._bulk(AssessorAssignment, assignments)
        # Plant the lenient and severe assessors: one chosen at random in each named region.
        region_by_name = {r.name: r for r in self.regions}
        for region_name, kind in PLANTED:
            a = self.rng.choice(self.assessors[region_by_name[region_name].pk])
            a._bias = LENIENT_BIAS if kind == "lenient" else SEVERE_BIAS
            self.result.planted.append((kind, a.full_name, a.email))
        by_email = {u.email: u for u in created}
        self.leads = {c.pk: by_email[f"lead.{c.gss_code.lower()}@national.example"]
                      for c in self.councils}  # fmt: skip
        self.contributors = {
            c.pk: by_email[f"contributor.{c.gss_code.lower()}@national.example"]
            for c in self.councils
        }
        self.analysts = [u for u in created if u.email.startswith("analyst")]

    # --- assessments ------------------------------------------------------------
    def frameworks(self) -> None:
        from assurance.frameworks.models import Criterion, FrameworkVersion, RatingLevel

        self.versions = {}
        for slug in set(FRAMEWORK_FOR_PERIOD):
            version = FrameworkVersion.objects.filter(framework__slug=slug).order_by("pk").first()
            if version is None:
                raise RuntimeError(f"Framework {slug} is not loaded: run load_frameworks first.")
            levels = {lv.value: lv for lv in RatingLevel.objects.filter(framework_version=version)}
            criteria = list(Criterion.objects.filter(framework_version=version).order_by("number"))
            self.versions[slug] = (version, levels, criteria)

    def _level(self, slug: str, standing: float, bias: float, noise: float) -> int:
        _, levels, _ = self.versions[slug]
        low, high = min(levels), max(levels)
        middle = (low + high) / 2
        factor = (high - low) / 4  # the 1–5 scale is the reference
        value = round(middle + (standing + noise) * factor + bias)
        return max(low, min(high, value))

    def assessments(self) -> None:
        from assurance.assessments.models import (
            Assessment,
            AssessmentRecommendation,
            CriterionResponse,
            IssuedLetter,
        )
        from assurance.evidence.models import EvidenceItem

        letter_pdf, letter_docx, sha_pdf, sha_docx = self._placeholder_letters()
        response_type = ContentType.objects.get_for_model(CriterionResponse)
        rng = self.rng
        self.issued = []  # (assessment, [AssessmentRecommendation])
        totals = {"assessments": 0}
        for p, period in enumerate(PERIODS):
            slug = FRAMEWORK_FOR_PERIOD[p]
            version, levels, criteria = self.versions[slug]
            start = _period_start(period)
            last = p == len(PERIODS) - 1
            assessments = []
            for region in self.regions:
                councils = self.by_region[region.pk]
                team = self.assessors[region.pk]
                for i, c in enumerate(councils):
                    if rng.random() > ASSESSED_SHARE:
                        continue
                    assessor = team[(i + p) % len(team)]
                    issued = not last or rng.random() < 0.85
                    status = (
                        "issued"
                        if issued
                        else rng.choice(
                            ["scoring", "awaiting_moderation", "moderated", "submitted"]
                        )
                    )
                    issued_on = start + timedelta(days=300 + rng.randrange(60))
                    a = Assessment(
                        organisation=c,
                        framework_version=version,
                        period=period,
                        due_date=start + timedelta(days=180),
                        status=status,
                        assessor=assessor,
                        assessing_body=self.scottish_body
                        if assessor._region.nation == "scotland"
                        else self.home_office,
                        summary=rng.choice(FEEDBACK),
                        submitted_by=self.leads[c.pk],
                        submitted_at=_at(start + timedelta(days=170)),
                        moderated_by=assessor if status in ("moderated", "issued") else None,
                        moderated_at=_at(issued_on - timedelta(days=10))
                        if status in ("moderated", "issued")
                        else None,
                        issued_by=assessor if issued else None,
                        issued_at=_at(issued_on) if issued else None,
                        created_at=_at(start),
                        updated_at=_at(issued_on if issued else start + timedelta(days=200)),
                    )
                    a._history_date = a.updated_at
                    a._history_user = assessor
                    assessments.append(a)
            assessments = self._bulk(Assessment, assessments)
            totals["assessments"] += len(assessments)
            self.progress(f"assessments {period}", p + 1, len(PERIODS))

            responses, recs, letters, evidence = [], [], [], []
            for a in assessments:
                scored = a.status in ("awaiting_moderation", "moderated", "issued", "scoring")
                standing = self.standing[a.organisation_id]
                for criterion in criteria:
                    when = a.submitted_at
                    level = self_level = None
                    if not criterion.assured_separately:
                        level = self._level(
                            slug, standing, a.assessor._bias, rng.gauss(0, LEVEL_NOISE)
                        )
                        self_level = self._level(slug, standing + 0.3, 0, rng.gauss(0, 0.6))
                    r = CriterionResponse(
                        assessment=a,
                        criterion=criterion,
                        narrative="Our arrangements for this benchmark are described in the "
                        "attached plan and minutes.",
                        self_level=levels.get(self_level),
                        task_status="completed",
                        self_assessed_by=self.leads[a.organisation_id],
                        self_assessed_at=when,
                        assessed_level=levels.get(level) if scored else None,
                        good_practice=rng.choice(FEEDBACK) if scored else "",
                        areas_for_development=rng.choice(FEEDBACK) if scored else "",
                        assessed_by=a.assessor if scored else None,
                        assessed_at=(a.moderated_at or when) if scored else None,
                    )
                    r._history_date = when
                    responses.append(r)
                if a.status == "issued":
                    letters.append(
                        IssuedLetter(
                            assessment=a,
                            version_number=1,
                            pdf=letter_pdf,
                            docx=letter_docx,
                            pdf_sha256=sha_pdf,
                            docx_sha256=sha_docx,
                            issued_by=a.assessor,
                            issued_at=a.issued_at,
                        )
                    )
                    weakness = -standing
                    count = max(3, min(26, round(13.5 + 4 * weakness + rng.gauss(0, 3))))
                    scored_criteria = [c for c in criteria if not c.assured_separately]
                    for n in range(1, count + 1):
                        rec = AssessmentRecommendation(
                            assessment=a,
                            number=n,
                            criterion=rng.choice(scored_criteria) if rng.random() < 0.85 else None,
                            text=rng.choice(RECOMMENDATION_TEXTS),
                            created_by=a.assessor,
                            created_at=a.moderated_at,
                        )
                        rec._history_date = a.moderated_at
                        recs.append(rec)
            responses = self._bulk(CriterionResponse, responses, f"criterion responses {period}")
            for r in responses:
                if rng.random() < 0.4:
                    a = r.assessment
                    item = EvidenceItem(
                        organisation_id=a.organisation_id,
                        holder_type=response_type,
                        holder_id=r.pk,
                        title="Partnership board minutes",
                        evidence_date=a.submitted_at.date() - timedelta(days=rng.randrange(200)),
                        kind="link",
                        url=f"https://documents.example/{a.organisation_id}/{r.pk}",
                        uploaded_by=self.leads[a.organisation_id],
                        uploaded_at=a.submitted_at,
                    )
                    item._history_date = a.submitted_at
                    evidence.append(item)
            self._bulk(EvidenceItem, evidence, f"evidence {period}")
            for letter in letters:
                letter._history_date = letter.issued_at
            self._bulk(IssuedLetter, letters)
            recs = self._bulk(AssessmentRecommendation, recs, f"closing recommendations {period}")
            grouped: dict[int, list] = {}
            for rec in recs:
                grouped.setdefault(rec.assessment_id, []).append(rec)
            self.issued += [(a, grouped.get(a.pk, [])) for a in assessments if a.is_issued]

    def _placeholder_letters(self) -> tuple[str, str, str, str]:
        return placeholder_letters()

    # --- the register -------------------------------------------------------------
    def register(self) -> None:
        from assurance.recommendations.models import Recommendation, RecommendationSource

        rng = self.rng
        today = date(2026, 11, 1)
        sources, plans = [], []
        for a, recs in self.issued:
            made_on = a.issued_at.date()
            s = RecommendationSource(
                organisation_id=a.organisation_id,
                kind="assessment",
                origin_id=a.pk,
                title=f"Prevent duty assessment {a.period}",
                made_by=str(
                    a.assessing_body_id == self.home_office.pk
                    and self.home_office.name
                    or self.scottish_body.name
                ),
                made_on=made_on,
                reference=f"PDA-{a.pk}",
                created_at=a.issued_at,
            )
            plans.append([(r.number, r.criterion_id, r.text, r) for r in recs])
            sources.append(s)
        # Large scrutiny reviews and audits: a few councils, several hundred each.
        large_owners = rng.sample(self.councils, LARGE_SOURCES)
        for i, c in enumerate(large_owners):
            made_on = date(2024, 1, 15) + timedelta(days=30 * i)
            kind = "scrutiny_review" if i % 2 else "internal_audit"
            sources.append(
                RecommendationSource(
                    organisation=c,
                    kind=kind,
                    title=f"{'Scrutiny review' if i % 2 else 'Internal audit'} of Prevent "
                    f"delivery {made_on.year}",
                    made_by="Overview and scrutiny committee" if i % 2 else "Internal audit",
                    made_on=made_on,
                    created_at=_at(made_on),
                )
            )
            count = 450 if i == 0 else rng.randint(250, 420)
            plans.append([(n, None, rng.choice(RECOMMENDATION_TEXTS), None)
                          for n in range(1, count + 1)])  # fmt: skip
        # Partnership sources: peer reviews made to a partnership.
        for partnership, members in self.partnerships:
            made_on = date(2023, 6, 1) + timedelta(days=rng.randrange(700))
            sources.append(
                RecommendationSource(
                    organisation=members[0],
                    partnership=partnership,
                    kind="peer_review",
                    title=f"Peer review of {partnership.name}",
                    made_by="Peer review team",
                    made_on=made_on,
                    created_at=_at(made_on),
                )
            )
            plans.append([(n, None, rng.choice(RECOMMENDATION_TEXTS), None)
                          for n in range(1, rng.randint(8, 20))])  # fmt: skip
        for s in sources:
            s._history_date = s.created_at
        sources = self._bulk(RecommendationSource, sources, "sources")
        self.busiest_source = sources[len(self.issued)]  # the 450-recommendation audit

        recommendations = []
        for s, plan in zip(sources, plans, strict=True):
            age = (today - s.made_on).days
            for number, criterion_id, text, origin in plan:
                response = rng.choices(
                    ["accepted", "partially_accepted", "rejected", "pending"],
                    weights=[80, 10, 4, 6 if age < 400 else 0],
                )[0]
                milestone = s.made_on + timedelta(days=rng.randrange(90, 540))
                progress_share = min(1.0, age / 900)
                if response in ("rejected", "pending"):
                    status = "not_started"
                else:
                    roll = rng.random()
                    status = (
                        "completed"
                        if roll < progress_share * 0.9
                        else "in_progress"
                        if roll < progress_share + 0.3
                        else "not_started"
                    )
                r = Recommendation(
                    source=s,
                    number=number,
                    origin_key=str(origin.pk) if origin else "",
                    criterion_id=criterion_id,
                    text=text,
                    theme=rng.choice(["Governance", "Training", "Partnership", "Communications"]),
                    response=response,
                    reason="The partnership already does this through another plan."
                    if response in ("partially_accepted", "rejected")
                    else "",
                    lead=rng.choice(
                        [
                            "Prevent lead",
                            "Community safety manager",
                            "Head of IT",
                            "Training coordinator",
                            "Communications team",
                        ]
                    ),
                    lead_user=self.leads[s.organisation_id] if rng.random() < 0.3 else None,
                    milestone=milestone if response != "rejected" else None,
                    status=status,
                    completed_on=min(today, milestone + timedelta(days=rng.randrange(-60, 90)))
                    if status == "completed"
                    else None,
                    updated_at=_at(min(today, s.made_on + timedelta(days=age // 2 + 1))),
                )
                r._history_date = r.updated_at
                recommendations.append(r)
        recommendations = self._bulk(Recommendation, recommendations, "recommendations")
        self.recommendations = recommendations
        self.sources = sources

    def progress_log(self) -> None:
        from assurance.recommendations.models import ProgressEntry

        rng = self.rng
        today = date(2026, 11, 1)
        entries = []
        total = 0
        for r in self.recommendations:
            count = 0 if r.status == "not_started" and rng.random() < 0.7 else rng.randint(3, 9)
            if count == 0:
                continue
            made_on = r.source.made_on
            span = max(1, (today - made_on).days)
            days = sorted(rng.randrange(span) for _ in range(count))
            authors = (self.leads[r.source.organisation_id],
                       self.contributors[r.source.organisation_id])  # fmt: skip
            status = "not_started"
            for k, day in enumerate(days):
                final = k == count - 1
                new = r.status if final else ("in_progress" if k else status)
                when = _at(made_on + timedelta(days=day), 9 + k % 8)
                e = ProgressEntry(
                    recommendation_id=r.pk,
                    entry=rng.choice(PROGRESS_TEXTS),
                    author=rng.choice(authors),
                    created_at=when,
                    status_from=status,
                    status_to=new,
                )
                e._history_date = when
                entries.append(e)
                status = new
            if len(entries) >= BATCH * 4:
                total += len(entries)
                self._bulk(ProgressEntry, entries)
                self.progress("progress entries", total, 200_000)
                entries = []
        total += len(entries)
        self._bulk(ProgressEntry, entries)
        self.progress("progress entries", total, total)

    def close_old_sources(self) -> None:
        """Sources whose recommendations are all settled in the oldest periods are closed."""
        from assurance.recommendations.models import RecommendationSource

        settled: dict[int, bool] = {}
        for r in self.recommendations:
            done = r.status in ("completed", "superseded") or (
                r.response == "rejected" and r.reason
            )
            settled[r.source_id] = settled.get(r.source_id, True) and bool(done)
        to_close = [s for s in self.sources if settled.get(s.pk) and s.made_on.year < 2022]
        for s in to_close:
            s.status = "closed"
            s.closed_by = self.leads[s.organisation_id]
            s.closed_at = _at(s.made_on + timedelta(days=700))
            s.closing_statement = "Every recommendation is complete; reported to scrutiny."
        RecommendationSource.objects.bulk_update(
            to_close, ["status", "closed_by", "closed_at", "closing_statement"], batch_size=BATCH
        )
        self.result.counts["sources closed"] = len(to_close)

    def run(self) -> Result:
        from assurance.assessments.models import (
            Assessment,
            AssessmentRecommendation,
        )
        from assurance.evidence.models import EvidenceItem
        from assurance.recommendations.models import (
            ProgressEntry,
            Recommendation,
            RecommendationSource,
        )

        models = (Assessment, AssessmentRecommendation, EvidenceItem, ProgressEntry,
                  Recommendation, RecommendationSource)  # fmt: skip
        with _explicit_timestamps(*models), _fast_sqlite():
            for step in (self.organisations, self.people, self.frameworks, self.assessments,
                         self.register, self.progress_log, self.close_old_sources):  # fmt: skip
                with transaction.atomic():
                    step()
        refresh_planner_statistics()
        self.result.busiest = {
            "source": self.busiest_source.pk,
            "council": self.busiest_source.organisation_id,
            "lead": self.leads[self.busiest_source.organisation_id].email,
        }
        return self.result


@contextmanager
def _fast_sqlite() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")


def generate(seed: int, progress: Callable[[str, int, int], None]) -> Result:
    return Generator(seed, progress).run()


def placeholder_letters() -> tuple[str, str, str, str]:
    """Every generated letter points at one small placeholder file per
    format (rendering 2,800 PDFs would take an hour); the bench calls this
    too, since its settings may keep private files elsewhere."""
    storage = storages["private"]
    names = []
    for ext, body in (("pdf", b"%PDF-1.4\n% placeholder letter\n"), ("docx", b"placeholder")):
        name = f"letters/national-placeholder.{ext}"
        if not storage.exists(name):
            storage.save(name, ContentFile(body))
        names.append((name, hashlib.sha256(body).hexdigest()))
    return names[0][0], names[1][0], names[0][1], names[1][1]
