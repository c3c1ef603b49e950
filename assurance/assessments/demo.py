"""Demo assessments: issued letters for several councils over two periods
(one with the score profile of the sample letter in the seed documents), one
self-assessment in progress and one awaiting moderation. Text comes from
demo_content.yaml. Runs after the frameworks demo; skips with a note if the
shipped frameworks are not loaded. Idempotent."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import Membership, Role, User
from assurance.accounts.permissions import Action, council_people
from assurance.frameworks.models import FrameworkVersion, RatingLevel
from assurance.organisations.models import Organisation

from . import services
from .models import Assessment
from .rules import TaskStatus

CONTENT = yaml.safe_load((Path(__file__).parent / "demo_content.yaml").read_text(encoding="utf-8"))

EVAN, FAY, HANA = (
    "assessor@homeoffice.example",
    "moderator@homeoffice.example",
    "analyst@homeoffice.example",
)
# council, period, scores, assessor, moderator, summary key, final state
SCORED = [
    (
        "Ashdown County Council",
        "2021/22",
        [4, 5, 5, 4, 5, 4, 3, 3, 2, 2],
        EVAN,
        FAY,
        "strong",
        "issued",
    ),
    (
        "Tamsworth City Council",
        "2021/22",
        [3, 4, 3, 3, 4, 3, 3, 2, 3, 3],
        EVAN,
        FAY,
        "steady",
        "issued",
    ),
    (
        "Harbourside Metropolitan Borough Council",
        "2021/22",
        [4, 4, 3, 4, 4, 3, 4, 3, 3, 3],
        FAY,
        HANA,
        "steady",
        "issued",
    ),
    (
        "London Borough of Eastwick",
        "2021/22",
        [3, 3, 4, 3, 4, 3, 3, 4, 3, 2],
        FAY,
        HANA,
        "steady",
        "issued",
    ),
    (
        "Wyre Valley Council",
        "2021/22",
        [2, 3, 3, 3, 3, 2, 3, 3, 2, 2],
        EVAN,
        FAY,
        "developing",
        "issued",
    ),
    (
        "Ashdown County Council",
        "2022/23",
        [4, 5, 5, 4, 5, 4, 4, 3, 3, 3],
        EVAN,
        FAY,
        "strong",
        "issued",
    ),
    (
        "Tamsworth City Council",
        "2022/23",
        [3, 4, 4, 3, 4, 3, 3, 3, 3, 3],
        EVAN,
        FAY,
        "steady",
        "issued",
    ),
    (
        "Harbourside Metropolitan Borough Council",
        "2022/23",
        [4, 4, 4, 4, 4, 3, 4, 3, 3, 3],
        FAY,
        HANA,
        "steady",
        "issued",
    ),
    (
        "Wyre Valley Council",
        "2022/23",
        [3, 3, 3, 3, 3, 3, 3, 3, 2, 3],
        EVAN,
        FAY,
        "developing",
        "awaiting",
    ),
]
IN_PROGRESS = ("Ashdown County Council", "2023/24", EVAN)


def _version(key: str) -> FrameworkVersion | None:
    ref = CONTENT["frameworks"][key]
    return FrameworkVersion.objects.filter(
        framework__slug=ref["slug"], version=ref["version"]
    ).first()


def _lead(organisation: Organisation) -> User:
    """The council's lead; councils without a demo sign-in get an author who cannot sign in."""
    lead = council_people([organisation.pk], holding=Action.RESPOND_RECOMMENDATIONS).first()
    if lead:
        return lead
    slug = (
        organisation.name.split()[0].lower()
        if not organisation.name.startswith("London")
        else organisation.name.split()[-1].lower()
    )
    user, created = User.objects.get_or_create(
        email=f"prevent-lead@{slug}.example",
        defaults={"full_name": f"{organisation.name.split()[0]} Prevent Lead"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.COUNCIL_LEAD)
    return user


def _level(version: FrameworkVersion, value: int) -> RatingLevel:
    return version.levels.get(value=value)


def _self_assess(
    assessment: Assessment,
    lead: User,
    scores: list[int] | None,
    texts: dict,
    upto: int | None = None,
):
    version = assessment.framework_version
    values = sorted(version.levels.values_list("value", flat=True))
    middle = version.meets_duty_from or values[len(values) // 2]
    for i, response in enumerate(
        assessment.responses.select_related("criterion").order_by("criterion__number")
    ):
        if upto is not None and i >= upto:
            break
        criterion = response.criterion
        text = texts.get(criterion.number, {}).get("narrative", "")
        # Councils sometimes propose a level above the one they are given.
        value = min(values[-1], scores[i] + (i % 4 == 3)) if scores else middle
        services.criterion_response_save(
            actor=lead,
            response=response,
            expected_version=response.version,
            narrative=text,
            self_level=_level(version, value) if values else None,
            task_status=TaskStatus.COMPLETED
            if upto is None or i < upto - 1
            else TaskStatus.IN_PROGRESS,
        )


def _score(assessment: Assessment, assessor: User, scores: list[int], summary: str) -> None:
    texts = CONTENT["scoring_criteria"]
    version = assessment.framework_version
    for value, response in zip(
        scores,
        assessment.responses.select_related("criterion").order_by("criterion__number"),
        strict=False,
    ):
        text = texts.get(response.criterion.number, {})
        services.criterion_score_save(
            actor=assessor,
            response=response,
            expected_version=response.version,
            level=_level(version, value),
            good_practice=text.get("good_practice", ""),
            areas_for_development=text.get("areas_for_development", "") if value < 5 else "",
            rationale=f"The evidence best matches the level {value} descriptor.",
        )
    services.assessment_summary_save(
        actor=assessor,
        assessment=assessment,
        summary=CONTENT["summaries"][summary],
        expected_version=None,
    )
    criteria = {c.number: c for c in version.criteria.all()}
    for rec in CONTENT["recommendations"]:
        services.recommendation_add(
            actor=assessor,
            assessment=assessment,
            text=rec["text"],
            criterion=criteria.get(rec["criterion"]),
        )


def _run(version, users, council, period, scores, assessor, moderator, summary, state) -> None:
    organisation = Organisation.objects.get(name=council)
    if Assessment.objects.filter(
        organisation=organisation, framework_version=version, period=period
    ).exists():
        return
    start = int(period[:4])
    assessment = services.assessment_open(
        actor=users[assessor],
        framework_version=version,
        period=period,
        due_date=date(start + 1, 4, 30),
        organisation=organisation,
    )
    lead = _lead(organisation)
    _self_assess(assessment, lead, scores, CONTENT["scoring_criteria"])
    services.self_assessment_submit(actor=lead, assessment=assessment)
    _score(assessment, users[assessor], scores, summary)
    services.assessment_ready_for_moderation(actor=users[assessor], assessment=assessment)
    if state == "issued":
        services.moderation_agree(actor=users[moderator], assessment=assessment)
        # Letters of past periods carry a date late in the spring after the period.
        issued_at = timezone.make_aware(datetime(start + 1, 5, 27, 10, 0))
        services.assessment_issue(
            actor=users[assessor],
            assessment=assessment,
            letter=_letter(organisation, assessor, issued_at.date()),
            issued_at=issued_at,
        )


def _own_self_assessment() -> None:
    """One council's own red, amber, green self-assessment, signed off."""
    spec = CONTENT["own_self_assessment"]
    version = FrameworkVersion.objects.filter(
        framework__slug=spec["framework"]["slug"], version=spec["framework"]["version"]
    ).first()
    if version is None:
        return
    organisation = Organisation.objects.get(name=spec["council"])
    if Assessment.objects.filter(
        organisation=organisation, framework_version=version, council_owned=True
    ).exists():
        return
    lead = _lead(organisation)
    own = services.own_self_assessment_start(
        actor=lead, organisation=organisation, framework_version=version, period=spec["period"]
    )
    texts = CONTENT["scoring_criteria"]
    for response, rating in zip(
        own.responses.select_related("criterion").order_by("criterion__number"),
        spec["ratings"],
        strict=True,
    ):
        services.criterion_response_save(
            actor=lead,
            response=response,
            expected_version=response.version,
            narrative=texts.get(response.criterion.number, {}).get("narrative", ""),
            self_level=_level(version, rating),
            task_status=TaskStatus.COMPLETED,
        )
    services.own_self_assessment_sign_off(actor=lead, assessment=own)


def _addresses() -> None:
    """Postal addresses for the letters: the assessing body's heads them."""
    for name, address in CONTENT["letters"]["addresses"].items():
        Organisation.objects.filter(name=name, postal_address="").update(postal_address=address)


def _letter(organisation: Organisation, assessor: str, on: date) -> services.LetterInput:
    letters = CONTENT["letters"]
    name, job_title, salutation = letters["addressees"][organisation.name]
    signatory = letters["signatories"][assessor]
    return services.LetterInput(
        letter_date=on,
        addressee_name=name,
        addressee_job_title=job_title,
        addressee_address=letters["addresses"][organisation.name],
        salutation=salutation,
        signatory_name=signatory["name"],
        signatory_job_title=signatory["job_title"],
        signatory_region=signatory["region"],
        signatory_contact=signatory["contact"],
        cc=letters["cc"],
    )


@transaction.atomic
def seed() -> None:
    scoring, toolkit = _version("scoring"), _version("toolkit")
    if scoring is None:
        print("Assessments demo skipped: the shipped scoring framework is not loaded.")  # noqa: T201
        return
    users = {u.email: u for u in User.objects.filter(email__in=[EVAN, FAY, HANA])}
    if len(users) < 3:
        print("Assessments demo skipped: the demo assessor accounts are missing.")  # noqa: T201
        return
    _addresses()
    for row in SCORED:
        _run(scoring, users, *row)
    if toolkit is None:
        print(
            "Assessments demo: the toolkit framework is not loaded, "
            "so there is no self-assessment in progress."
        )  # noqa: T201
        return
    _own_self_assessment()
    council, period, assessor = IN_PROGRESS
    organisation = Organisation.objects.get(name=council)
    if not Assessment.objects.filter(
        organisation=organisation, framework_version=toolkit, period=period
    ).exists():
        assessment = services.assessment_open(
            actor=users[assessor],
            framework_version=toolkit,
            period=period,
            due_date=date(2024, 4, 30),
            organisation=organisation,
            # The next cycle: last year's narratives and evidence, through the
            # crosswalk to the toolkit, as a draft; the lead has confirmed the
            # first criteria and the rest still wait.
            carry_forward=True,
        )
        _self_assess(assessment, _lead(organisation), None, CONTENT["toolkit_criteria"], upto=3)
