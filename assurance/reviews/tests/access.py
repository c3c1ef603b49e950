from django.urls import reverse

from assurance.evidence.models import EvidenceItem
from tests.access.matrix import BOTH, COUNCIL, OWN_ONLY, Entry, no_target, roles

from .. import services
from .factories import (
    add_peer,
    manager_for,
    peer,
    peer_review_version,
    ready_to_issue,
    record_as_issued,
    set_up,
)

# Readers of a review: the host's people, the assessor covering it (here also
# its review manager), the peer reviewer on its team, analysts everywhere.
READERS = roles((*COUNCIL, "assessor", "peer_reviewer"), OWN_ONLY, national_analyst=BOTH)
# The team's pages: the review manager and the peer; a peer reviewer not on
# the team gets 404 (the "other" review), the host's people 403.
TEAM = roles(("assessor", "peer_reviewer"), OWN_ONLY)
# The review manager's pages: a peer on the team gets 404 like everyone else
# outside the manager's scope.
MANAGER = roles(("assessor",), OWN_ONLY, peer_reviewer=())
HOST_EDITORS = roles(("council_lead", "council_contributor"), OWN_ONLY)


def _url(name, *extra, record="review"):
    def build(w, t):
        review = w.obj(record, t)
        args = [review.pk]
        for part in extra:
            args.append(part(w, t, review) if callable(part) else part)
        return reverse(f"reviews:{name}", args=args)

    return build


def _criterion(w, t, review):
    return review.responses.order_by("criterion__number").first().criterion_id


def _stage(w, t, review):
    return review.stages.order_by("position").first().pk


def _member(w, t, review):
    return w.obj("review_spare_member", t).pk


def _session(w, t, review):
    return w.obj("review_session", t).pk


def _finding(w, t, review):
    return review.findings.order_by("pk").first().pk


def _evidence(w, t, review):
    return w.obj("review_evidence", t).pk


EMPTY = {"method": "post", "data": lambda w, t: {}}

ENTRIES = {
    "reviews:list": no_target(
        lambda: reverse("reviews:list"), (*COUNCIL, "assessor", "peer_reviewer", "national_analyst")
    ),
    "reviews:set_up": no_target(lambda: reverse("reviews:set_up"), ("assessor",)),
    "reviews:detail": Entry(url=_url("detail"), allowed=READERS),
    "reviews:stage": Entry(url=_url("stage", _stage), allowed=MANAGER),
    "reviews:team_add": Entry(url=_url("team_add"), allowed=MANAGER),
    "reviews:team_remove": Entry(
        url=_url("team_remove", _member), allowed=MANAGER, method="post", ok=302
    ),
    "reviews:declaration": Entry(url=_url("declaration"), allowed=TEAM),
    "reviews:self_assessment": Entry(url=_url("self_assessment"), allowed=READERS),
    "reviews:task": Entry(url=_url("task", _criterion), allowed=READERS),
    "reviews:evidence_file": Entry(
        url=_url("evidence_file", _criterion), allowed=HOST_EDITORS, **EMPTY
    ),
    "reviews:evidence_link": Entry(
        url=_url("evidence_link", _criterion), allowed=HOST_EDITORS, **EMPTY
    ),
    "reviews:evidence_remove": Entry(
        url=_url("evidence_remove", _criterion, _evidence),
        allowed=HOST_EDITORS,
        method="post",
        ok=302,
    ),
    "reviews:enquiries": Entry(url=_url("enquiries"), allowed=TEAM),
    "reviews:programme": Entry(url=_url("programme"), allowed=TEAM),
    "reviews:session": Entry(url=_url("session", _session), allowed=TEAM),
    "reviews:participant_add": Entry(url=_url("participant_add", _session), allowed=TEAM, **EMPTY),
    "reviews:findings": Entry(url=_url("findings"), allowed=TEAM),
    "reviews:finding_remove": Entry(
        url=_url("finding_remove", _finding), allowed=TEAM, method="post", ok=302
    ),
    # The host reads the report once issued (the team at any time).
    "reviews:report": Entry(url=_url("report", record="issued_review"), allowed=READERS),
    "reviews:report_edit": Entry(url=_url("report_edit"), allowed=TEAM),
    "reviews:report_issue": Entry(url=_url("report_issue"), allowed=MANAGER),
    "reviews:report_reopen": Entry(
        url=_url("report_reopen", record="issued_review"), allowed=MANAGER
    ),
    "reviews:report_download": Entry(
        url=_url("report_download", 1, "pdf", record="issued_review"), allowed=READERS
    ),
}


def build(world) -> None:
    version = peer_review_version(slug="matrix-peer-review")
    world_peer = world.users["peer_reviewer"]
    world_peer_org = peer()[1]
    records = {}
    for target, council in (("own", world.own), ("other", world.other)):
        manager = world.users["assessor"] if target == "own" else manager_for(council)
        reviews = []
        for title in ("In progress", "Issued"):
            review = set_up(manager=manager, council=council, version=version, title=title)
            if target == "own":
                add_peer(review, manager, world_peer, world_peer_org)
            spare_user, spare_org = peer()
            spare = add_peer(review, manager, spare_user, spare_org, declare=False)
            ready_to_issue(review, manager)
            reviews.append((review, spare))
        review, spare = reviews[0]
        session = services.session_add(
            actor=manager,
            review=review,
            title="Leadership",
            held_on=review.starts_on,
            starts_at="10:00",
            format="in_person",
        )
        response = review.responses.order_by("criterion__number").first()
        evidence = EvidenceItem.objects.create(
            holder=response,
            organisation=council,
            title="Terms of reference",
            evidence_date="2026-01-01",
            kind="link",
            url="https://example.org/terms",
            uploaded_by=manager,
        )
        issued = reviews[1][0]
        record_as_issued(issued, manager)
        records[target] = (review, issued, spare, session, evidence)
    for index, name in enumerate(
        ("review", "issued_review", "review_spare_member", "review_session", "review_evidence")
    ):
        world.add(name, records["own"][index], records["other"][index])


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from datetime import date, time

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.access.services import Service, fresh

    from .. import services as s

    def review(w, t):
        return fresh(w, "review", t)

    def response(w, t):
        return review(w, t).responses.order_by("criterion__number").first()

    def session(w, t):
        return fresh(w, "review_session", t)

    def criteria(w, t):
        return list(review(w, t).framework_version.criteria.order_by("number")[:1])

    # Setting up a review: an assessing body's adviser, for a council they cover.
    set_up_by = roles(("assessor",), OWN_ONLY)

    return {
        "reviews.review_set_up": Service(
            lambda w, t, a: s.review_set_up(
                actor=a,
                framework_version=review(w, t).framework_version,
                review_type="scottish",
                title="Another review",
                starts_on=date(2026, 6, 1),
                ends_on=date(2026, 6, 30),
                organisation=w.org(t),
            ),
            set_up_by,
        ),
        # The review manager's work: team, stages, issuing and reopening.
        "reviews.team_member_add": Service(
            lambda w, t, a: s.team_member_add(
                actor=a, review=review(w, t), email="nobody@example.org", role="peer"
            ),
            MANAGER,
        ),
        "reviews.team_member_remove": Service(
            lambda w, t, a: s.team_member_remove(
                actor=a, member=fresh(w, "review_spare_member", t)
            ),
            MANAGER,
        ),
        "reviews.stage_update": Service(
            lambda w, t, a: s.stage_update(
                actor=a,
                stage=review(w, t).stages.order_by("position").first(),
                planned_from=None,
                planned_to=None,
                actual_from=None,
                actual_to=None,
                owner=None,
                done_check_ids=[],
                status="not a status",
            ),
            MANAGER,
        ),
        # Not the number of reports the manager saw: refused as issued meanwhile,
        # after the permission check, without rendering the report.
        "reviews.report_issue": Service(
            lambda w, t, a: s.report_issue(actor=a, review=review(w, t), expected_version=99),
            MANAGER,
        ),
        "reviews.report_reopen": Service(
            lambda w, t, a: s.report_reopen(
                actor=a, review=fresh(w, "issued_review", t), reason=""
            ),
            MANAGER,
        ),
        # The team's work: the review manager and the peers on the team.
        "reviews.declaration_make": Service(
            lambda w, t, a: s.declaration_make(actor=a, review=review(w, t), has_conflict=None),
            TEAM,
        ),
        "reviews.enquiry_add": Service(
            lambda w, t, a: s.enquiry_add(
                actor=a, review=review(w, t), question="How are referrals made?", criteria=[]
            ),
            TEAM,
        ),
        "reviews.session_add": Service(
            lambda w, t, a: s.session_add(
                actor=a,
                review=review(w, t),
                title="Partners",
                held_on=date(2026, 4, 1),
                starts_at=time(14, 0),
                format="online",
            ),
            TEAM,
        ),
        "reviews.participant_add": Service(
            lambda w, t, a: s.participant_add(
                actor=a, session=session(w, t), job_title="Head of Safeguarding", agency="Police"
            ),
            TEAM,
        ),
        "reviews.session_notes_save": Service(
            lambda w, t, a: s.session_notes_save(
                actor=a, session=session(w, t), notes="Clear pathways.", marking="OFFICIAL"
            ),
            TEAM,
        ),
        "reviews.finding_add": Service(
            lambda w, t, a: s.finding_add(
                actor=a,
                review=review(w, t),
                kind="good_practice",
                text="Partners meet monthly.",
                group=review(w, t).framework_version.groups.order_by("position").first(),
                criteria=criteria(w, t),
            ),
            TEAM,
        ),
        "reviews.finding_remove": Service(
            lambda w, t, a: s.finding_remove(
                actor=a, finding=review(w, t).findings.order_by("pk").first()
            ),
            TEAM,
        ),
        "reviews.report_text_save": Service(
            lambda w, t, a: s.report_text_save(
                actor=a,
                review=review(w, t),
                executive_summary="Summary.",
                background="Background.",
                next_steps="Next steps.",
            ),
            TEAM,
        ),
        # The host's self-assessment: the host council's lead and contributors.
        "reviews.response_save": Service(
            lambda w, t, a: s.response_save(
                actor=a,
                response=response(w, t),
                expected_version=None,
                narrative="We train every frontline member of staff.",
                task_status="in_progress",
            ),
            HOST_EDITORS,
        ),
        "reviews.response_evidence_file_add": Service(
            lambda w, t, a: s.response_evidence_file_add(
                actor=a,
                response=response(w, t),
                title="Training plan",
                evidence_date=date(2026, 1, 1),
                marking="OFFICIAL",
                upload=SimpleUploadedFile("plan.txt", b"Training plan", "text/plain"),
            ),
            HOST_EDITORS,
        ),
        "reviews.response_evidence_link_add": Service(
            lambda w, t, a: s.response_evidence_link_add(
                actor=a,
                response=response(w, t),
                title="Board minutes",
                evidence_date=date(2026, 1, 1),
                marking="OFFICIAL",
                url="https://example.org/minutes",
            ),
            HOST_EDITORS,
        ),
        "reviews.response_evidence_remove": Service(
            lambda w, t, a: s.response_evidence_remove(
                actor=a, response=response(w, t), item=fresh(w, "review_evidence", t)
            ),
            HOST_EDITORS,
        ),
    }


SERVICES = _service_entries()
