from django.urls import reverse

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.evidence.models import EvidenceItem
from assurance.evidence.tests.access import file_evidence_like
from tests.access.matrix import BOTH, COUNCIL, OWN_ONLY, Entry, no_target, roles

from .factories import open_assessment, open_own, record_as_issued, scored_version

READERS = roles((*COUNCIL, "assessor"), OWN_ONLY, national_analyst=BOTH)
ASSESSOR_OWN = roles(("assessor",), OWN_ONLY)
EDITORS = roles(("council_lead", "council_contributor"), OWN_ONLY)
MODERATORS = roles(("assessor",), OWN_ONLY, national_analyst=BOTH)


def _a(name="assessment"):
    return lambda w, t: w.obj(name, t)


def _url(name, *extra, record="assessment"):
    def build(w, t):
        assessment = w.obj(record, t)
        args = [assessment.pk]
        for part in extra:
            args.append(part(w, t, assessment) if callable(part) else part)
        return reverse(f"assessments:{name}", args=args)

    return build


def _criterion(w, t, assessment):
    return assessment.responses.order_by("criterion__number").first().criterion_id


def _evidence(w, t, assessment):
    return w.obj("evidence", t).pk


def _recommendation(w, t, assessment):
    return w.obj("assessment_recommendation", t).pk


ENTRIES = {
    "assessments:list": no_target(
        lambda: reverse("assessments:list"), (*COUNCIL, "assessor", "national_analyst")
    ),
    "assessments:open": no_target(lambda: reverse("assessments:open"), ("assessor",)),
    "assessments:own_start": no_target(lambda: reverse("assessments:own_start"), ("council_lead",)),
    # The council's own self-assessment in draft: its own people only. Its
    # assessor and analysts read the council's records, so they get the same
    # 404 as for a record that does not exist (signed off, they may read it:
    # test_own_visibility.py).
    "assessments:own_export": Entry(
        url=_url("own_export", "xlsx", record="own"),
        allowed=roles(COUNCIL, OWN_ONLY),
        overrides={"assessor": 404, "national_analyst": 404},
    ),
    "assessments:detail": Entry(url=_url("detail"), allowed=READERS),
    "assessments:task": Entry(url=_url("task", _criterion), allowed=READERS),
    # POSTs with no data: the form comes back with errors (200) for those allowed.
    "assessments:evidence_file": Entry(
        url=_url("evidence_file", _criterion), allowed=EDITORS, method="post", data=lambda w, t: {}
    ),
    "assessments:evidence_link": Entry(
        url=_url("evidence_link", _criterion), allowed=EDITORS, method="post", data=lambda w, t: {}
    ),
    "assessments:evidence_remove": Entry(
        url=_url("evidence_remove", _criterion, _evidence),
        allowed=EDITORS,
        method="post",
        ok=302,
    ),
    "assessments:submit": Entry(url=_url("submit"), allowed=roles(("council_lead",), OWN_ONLY)),
    "assessments:scores": Entry(url=_url("scores", record="scoring"), allowed=ASSESSOR_OWN),
    "assessments:score": Entry(
        url=_url("score", _criterion, record="scoring"), allowed=ASSESSOR_OWN
    ),
    "assessments:summary": Entry(url=_url("summary", record="scoring"), allowed=ASSESSOR_OWN),
    "assessments:recommendation_add": Entry(
        url=_url("recommendation_add", record="scoring"),
        allowed=ASSESSOR_OWN,
        method="post",
        data=lambda w, t: {},
    ),
    "assessments:recommendation_edit": Entry(
        url=_url("recommendation_edit", _recommendation, record="scoring"),
        allowed=ASSESSOR_OWN,
    ),
    "assessments:recommendation_remove": Entry(
        url=_url("recommendation_remove", _recommendation, record="scoring"),
        allowed=ASSESSOR_OWN,
        method="post",
        ok=302,
    ),
    "assessments:ready": Entry(
        url=_url("ready", record="scoring"), allowed=ASSESSOR_OWN, method="post", ok=302
    ),
    "assessments:moderate": Entry(url=_url("moderate", record="scoring"), allowed=MODERATORS),
    "assessments:issue": Entry(url=_url("issue", record="scoring"), allowed=ASSESSOR_OWN),
    "assessments:reopen": Entry(url=_url("reopen", record="issued"), allowed=ASSESSOR_OWN),
    "assessments:letter": Entry(url=_url("letter", record="issued"), allowed=READERS),
    "assessments:letter_download": Entry(
        url=_url("letter_download", 1, "pdf", record="issued"), allowed=READERS
    ),
}


def build(world) -> None:
    version = scored_version(criteria=2)
    assessors = {
        "own": world.users[Role.ASSESSOR],
        # The other council's assessor is someone else: the matrix assessor covers only "own".
        "other": None,
    }
    from assurance.accounts.tests.factories import assessor_for

    assessors["other"] = assessor_for(region=world.other.region)
    records = {}
    for target, council in (("own", world.own), ("other", world.other)):
        actor = assessors[target]
        self_assessment = open_assessment(assessor=actor, version=version, organisation=council)
        scoring = open_assessment(
            assessor=actor, version=version, organisation=council, period="2022/23"
        )
        scoring.status = "scoring"
        scoring.save()
        issued = open_assessment(
            assessor=actor, version=version, organisation=council, period="2020/21"
        )
        record_as_issued(issued, actor)
        response = self_assessment.responses.order_by("criterion__number").first()
        lead = user_with_role(Role.COUNCIL_LEAD, council)
        evidence = EvidenceItem.objects.create(
            holder=response,
            organisation=council,
            title="Local delivery plan",
            evidence_date="2022-01-01",
            kind="link",
            url="https://example.org/plan",
            uploaded_by=lead,
        )
        from .. import services

        recommendation = services.recommendation_add(
            actor=actor, assessment=scoring, text="Write a plan."
        )
        records[target] = (self_assessment, scoring, issued, evidence, recommendation)
        own = open_own(lead, council)
        records[target] += (own,)
    for index, name in enumerate(
        ("assessment", "scoring", "issued", "evidence", "assessment_recommendation", "own")
    ):
        world.add(name, records["own"][index], records["other"][index])
    world.add(
        "evidence_file",
        file_evidence_like(records["own"][3]),
        file_evidence_like(records["other"][3]),
    )


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.access.services import Service, fresh

    from .. import services as s
    from .factories import letter_input

    def response(w, t, record="assessment"):
        return fresh(w, record, t).responses.order_by("criterion__number").first()

    def evidence_args(w, t):
        return {"title": "Plan", "evidence_date": date(2022, 1, 1), "marking": "OFFICIAL"}

    moderators = roles((), national_analyst=BOTH)
    lead = roles(("council_lead",), OWN_ONLY)
    return {
        "assessments.assessment_open": Service(
            lambda w, t, a: s.assessment_open(
                actor=a,
                framework_version=fresh(w, "assessment", t).framework_version,
                period="2030/31",
                due_date=date(2031, 1, 31),
                organisation=w.org(t),
            ),
            ASSESSOR_OWN,
        ),
        "assessments.criterion_response_save": Service(
            lambda w, t, a: s.criterion_response_save(
                actor=a,
                response=response(w, t),
                expected_version=None,
                narrative="Our work.",
                self_level=None,
                task_status="in_progress",
            ),
            EDITORS,
        ),
        "assessments.self_assessment_submit": Service(
            lambda w, t, a: s.self_assessment_submit(actor=a, assessment=fresh(w, "assessment", t)),
            lead,
        ),
        "assessments.criterion_evidence_file_add": Service(
            lambda w, t, a: s.criterion_evidence_file_add(
                actor=a,
                response=response(w, t),
                upload=SimpleUploadedFile("a.csv", b"a,b\n1,2\n"),
                **evidence_args(w, t),
            ),
            EDITORS,
        ),
        "assessments.criterion_evidence_link_add": Service(
            lambda w, t, a: s.criterion_evidence_link_add(
                actor=a, response=response(w, t), url="https://example.org", **evidence_args(w, t)
            ),
            EDITORS,
        ),
        "assessments.criterion_evidence_remove": Service(
            lambda w, t, a: s.criterion_evidence_remove(
                actor=a, response=response(w, t), item=fresh(w, "evidence", t)
            ),
            EDITORS,
        ),
        "assessments.criterion_score_save": Service(
            lambda w, t, a: s.criterion_score_save(
                actor=a,
                response=response(w, t, "scoring"),
                expected_version=None,
                level=None,
                good_practice="",
                areas_for_development="",
                rationale="",
            ),
            ASSESSOR_OWN,
        ),
        "assessments.assessment_summary_save": Service(
            lambda w, t, a: s.assessment_summary_save(
                actor=a, assessment=fresh(w, "scoring", t), summary="Sound.", expected_version=None
            ),
            ASSESSOR_OWN,
        ),
        "assessments.assessment_summary_page_save": Service(
            lambda w, t, a: s.assessment_summary_page_save(
                actor=a,
                assessment=fresh(w, "scoring", t),
                summary="Sound.",
                summary_version=None,
                recommendation="",
            ),
            ASSESSOR_OWN,
        ),
        "assessments.recommendation_update": Service(
            lambda w, t, a: s.recommendation_update(
                actor=a,
                recommendation=fresh(w, "assessment_recommendation", t),
                expected_version=None,
                text="Write a better plan.",
            ),
            ASSESSOR_OWN,
        ),
        "assessments.own_self_assessment_start": Service(
            lambda w, t, a: s.own_self_assessment_start(
                actor=a,
                organisation=w.org(t),
                framework_version=fresh(w, "assessment", t).framework_version,
                period="2031/32",
            ),
            lead,
        ),
        "assessments.own_self_assessment_sign_off": Service(
            lambda w, t, a: s.own_self_assessment_sign_off(
                actor=a, assessment=fresh(w, "assessment", t)
            ),
            lead,
        ),
        "assessments.recommendation_add": Service(
            lambda w, t, a: s.recommendation_add(
                actor=a, assessment=fresh(w, "scoring", t), text="Train staff."
            ),
            ASSESSOR_OWN,
        ),
        "assessments.recommendation_remove": Service(
            lambda w, t, a: s.recommendation_remove(
                actor=a, recommendation=fresh(w, "assessment_recommendation", t)
            ),
            ASSESSOR_OWN,
        ),
        "assessments.assessment_ready_for_moderation": Service(
            lambda w, t, a: s.assessment_ready_for_moderation(
                actor=a, assessment=fresh(w, "scoring", t)
            ),
            ASSESSOR_OWN,
        ),
        # The matrix assessor scored "scoring", so moderating it is refused to them too.
        "assessments.moderation_agree": Service(
            lambda w, t, a: s.moderation_agree(actor=a, assessment=fresh(w, "scoring", t)),
            moderators,
        ),
        "assessments.moderation_return": Service(
            lambda w, t, a: s.moderation_return(
                actor=a, assessment=fresh(w, "scoring", t), note="Look again."
            ),
            moderators,
        ),
        "assessments.assessment_issue": Service(
            lambda w, t, a: s.assessment_issue(
                actor=a, assessment=fresh(w, "scoring", t), letter=letter_input()
            ),
            ASSESSOR_OWN,
        ),
        "assessments.assessment_reopen": Service(
            lambda w, t, a: s.assessment_reopen(
                actor=a, assessment=fresh(w, "issued", t), reason="A typo."
            ),
            ASSESSOR_OWN,
        ),
    }


SERVICES = _service_entries()
