from datetime import date

from django.urls import reverse

from assurance.recommendations.models import Extension, SourceDocument
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from tests.access.matrix import (
    BOTH,
    COUNCIL_READERS,
    OWN,
    OWN_ONLY,
    Entry,
    no_target,
    roles,
)

READERS = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH)
LEAD = roles(["council_lead"], OWN_ONLY)
PROGRESS = roles(["council_lead", "council_contributor"], OWN_ONLY)


def _source(name="source"):
    return lambda w, t: w.obj(name, t).pk


def build(world) -> None:
    own = SourceFactory(organisation=world.own, title="Own review")
    other = SourceFactory(organisation=world.other, title="Other review")
    world.add("source", own, other)
    world.add(
        "source_document",
        SourceDocument.objects.create(source=own, kind="tracker", extension="pdf", fingerprint="a"),
        SourceDocument.objects.create(
            source=other, kind="tracker", extension="pdf", fingerprint="a"
        ),
    )
    world.add(
        "recommendation",
        RecommendationFactory(source=own, number=1),
        RecommendationFactory(source=other, number=1),
    )
    letters = [
        SourceFactory(organisation=org, kind="assessment", title=f"Letter {org}")
        for org in (world.own, world.other)
    ]
    accepted = {"response": "accepted", "status": "completed"}
    world.add(
        "addressed",
        *(
            RecommendationFactory(source=s, number=1, verification="addressed", **accepted)
            for s in letters
        ),
    )
    world.add(
        "verified",
        *(
            RecommendationFactory(source=s, number=2, verification="verified", **accepted)
            for s in letters
        ),
    )
    from assurance.recommendations.models import NationalApplication, NationalSource

    national = NationalSource.objects.create(
        title="National review",
        made_by="Home Office",
        made_on=date(2026, 1, 10),
        published_by=world.users["national_analyst"],
    )
    # Applied to the own council only: others' advisers and councils get 404.
    NationalApplication.objects.create(national_source=national, organisation=world.own)
    elsewhere = NationalSource.objects.create(
        title="Elsewhere review",
        made_by="Home Office",
        made_on=date(2026, 1, 10),
        published_by=world.users["national_analyst"],
    )
    NationalApplication.objects.create(national_source=elsewhere, organisation=world.other)
    world.add("national", national, elsewhere)
    late = [
        RecommendationFactory(
            source=s,
            number=3,
            response="accepted",
            status="in_progress",
            milestone=date(2026, 1, 31),
        )
        for s in letters
    ]
    world.add(
        "extension",
        *(
            Extension.objects.create(
                recommendation=item,
                date_before=item.milestone,
                requested_date=date(2026, 6, 30),
                reason="The board meets later.",
                requested_by=world.users["council_lead"],
            )
            for item in late
        ),
    )


def _url(name, obj="source", *extra):
    return lambda w, t: reverse(f"recommendations:{name}", args=[w.obj(obj, t).pk, *extra])


ENTRIES = {
    "recommendations:register": no_target(
        lambda: reverse("recommendations:register"), (*COUNCIL_READERS, "national_analyst")
    ),
    "recommendations:sources": no_target(
        lambda: reverse("recommendations:sources"), (*COUNCIL_READERS, "national_analyst")
    ),
    "recommendations:source_create": no_target(
        lambda: reverse("recommendations:source_create"), ("council_lead",)
    ),
    "recommendations:import_template": no_target(
        lambda: reverse("recommendations:import_template", args=["csv"]), ("council_lead",)
    ),
    "recommendations:source": Entry(url=_url("source"), allowed=READERS),
    "recommendations:document": Entry(
        url=_url("document", "source", "matrix", "xlsx"), allowed=READERS
    ),
    # A document still being built: its status page, checked again until it is ready.
    "recommendations:document_status": Entry(
        url=_url("document_status", "source_document"), allowed=READERS
    ),
    "recommendations:recommendation": Entry(
        url=_url("recommendation", "recommendation"), allowed=READERS
    ),
    "recommendations:source_respond": Entry(url=_url("source_respond"), allowed=LEAD),
    # Naming a verifier for the council's own source: its lead only.
    "recommendations:source_verifier": Entry(url=_url("source_verifier"), allowed=LEAD),
    "recommendations:recommendation_add": Entry(url=_url("recommendation_add"), allowed=LEAD),
    "recommendations:source_import": Entry(url=_url("source_import"), allowed=LEAD),
    # No preview in the session: sent back to the upload page.
    "recommendations:source_import_confirm": Entry(
        url=_url("source_import_confirm"), allowed=LEAD, method="post", ok=302
    ),
    # The own source has an unstarted recommendation: refused, page shown again with the reason.
    "recommendations:source_close": Entry(
        url=_url("source_close"),
        allowed=LEAD,
        method="post",
        data=lambda w, t: {"closing_statement": "Done."},
    ),
    # Reopening an open source is refused with a message on the page.
    "recommendations:source_reopen": Entry(
        url=_url("source_reopen"), allowed=LEAD, method="post", data=lambda w, t: {"reason": "x"}
    ),
    "recommendations:progress_add": Entry(
        url=_url("progress_add", "recommendation"),
        allowed=PROGRESS,
        method="post",
        ok=302,
        data=lambda w, t: {"entry": "Started the work.", "status": "in_progress"},
    ),
    "recommendations:recommendation_respond": Entry(
        url=_url("recommendation_respond", "recommendation"),
        allowed=LEAD,
        method="post",
        ok=302,
        data=lambda w, t: {"respond-response": "accepted", "respond-lead": "Head of Safety"},
    ),
    # A pending recommendation cannot be addressed: refused on the page.
    "recommendations:recommendation_address": Entry(
        url=_url("recommendation_address", "recommendation"),
        allowed=LEAD,
        method="post",
        data=lambda w, t: {"address-statement": "Done."},
    ),
    # Only the body that made the recommendation verifies it: for a letter, the
    # assessor; the council's own lead is refused (403). Other councils' items
    # answer 404 (tests/test_views.py), which the matrix cannot express beside it.
    "recommendations:recommendation_verify": Entry(
        url=_url("recommendation_verify", "addressed"),
        allowed={"assessor": frozenset({OWN})},
        targets=(OWN,),
        method="post",
        ok=302,
        data=lambda w, t: {"verify-decision": "verify"},
    ),
    "recommendations:recommendation_reopen": Entry(
        url=_url("recommendation_reopen", "verified"),
        allowed={"assessor": frozenset({OWN})},
        targets=(OWN,),
        method="post",
        ok=302,
        data=lambda w, t: {"reopen-reason": "The plan lapsed."},
    ),
    "recommendations:extension_decide": Entry(
        url=_url("extension_decide", "extension"),
        allowed={"assessor": frozenset({OWN})},
        targets=(OWN,),
        method="post",
        ok=302,
        data=lambda w, t: {"decide-decision": "grant"},
    ),
    # The world's recommendation has no milestone: refused on the page.
    "recommendations:extension_request": Entry(
        url=_url("extension_request", "recommendation"),
        allowed=LEAD,
        method="post",
        data=lambda w, t: {"extension-requested_date": "31/12/2030", "extension-reason": "Later"},
    ),
    "recommendations:national_list": no_target(
        lambda: reverse("recommendations:national_list"), ("assessor", "national_analyst")
    ),
    "recommendations:national_publish": no_target(
        lambda: reverse("recommendations:national_publish"), ("national_analyst", "administrator")
    ),
    # A national source is seen by analysts, and by advisers of a council it applies to.
    "recommendations:national": Entry(
        url=_url("national", "national"),
        allowed=roles(["assessor"], OWN_ONLY, national_analyst=BOTH),
    ),
    "recommendations:scrutiny_pack": no_target(
        lambda: reverse("recommendations:scrutiny_pack"), (*COUNCIL_READERS, "national_analyst")
    ),
    "recommendations:scrutiny_pack_download": Entry(
        url=lambda w, t: reverse(
            "recommendations:scrutiny_pack_download", args=[w.org(t).pk, "2025-26", "docx"]
        ),
        allowed=READERS,
    ),
    "recommendations:scrutiny_pack_status": Entry(
        url=lambda w, t: reverse(
            "recommendations:scrutiny_pack_status", args=[w.org(t).pk, "2025-26", "docx"]
        ),
        allowed=READERS,
    ),
    # Unlinking a recommendation that is not linked: refused on the page.
    "recommendations:recommendation_link": Entry(
        url=_url("recommendation_link", "recommendation"),
        allowed=LEAD,
        method="post",
        data=lambda w, t: {"link-answered_by": ""},
    ),
}


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from datetime import date

    from assurance.recommendations.intake import IssuedItem, IssuedSource
    from tests.access.services import Service, fresh, no_target_service

    from .. import services as s

    def issued(w, t):
        return IssuedSource(
            kind="assessment",
            origin_id=10**9,
            organisation_id=w.org(t).pk,
            title="Assessment",
            made_by="Advisers",
            made_on=date(2026, 1, 1),
            items=(IssuedItem(key="1", number=1, text="Train staff."),),
        )

    def extension(w, t):
        from ..models import Extension

        item = fresh(w, "recommendation", t)
        return Extension.objects.create(
            recommendation=item,
            date_before=date(2026, 1, 1),
            requested_date=date(2026, 6, 1),
            reason="Staff changes.",
            requested_by=w.users["council_lead"],
        )

    return {
        "recommendations.source_create": Service(
            lambda w, t, a: s.source_create(
                actor=a,
                organisation=w.org(t),
                kind="other",
                title="Audit",
                made_by="Auditors",
                made_on=date(2026, 1, 1),
            ),
            LEAD,
        ),
        "recommendations.recommendation_add": Service(
            lambda w, t, a: s.recommendation_add(
                actor=a, source=fresh(w, "source", t), number=99, text="More."
            ),
            LEAD,
        ),
        "recommendations.source_respond": Service(
            lambda w, t, a: s.source_respond(actor=a, source=fresh(w, "source", t), responses=[]),
            LEAD,
        ),
        "recommendations.progress_add": Service(
            lambda w, t, a: s.progress_add(
                actor=a, recommendation=fresh(w, "recommendation", t), entry="Started."
            ),
            PROGRESS,
        ),
        "recommendations.source_close": Service(
            lambda w, t, a: s.source_close(
                actor=a, source=fresh(w, "source", t), closing_statement="Done."
            ),
            LEAD,
        ),
        "recommendations.source_reopen": Service(
            lambda w, t, a: s.source_reopen(actor=a, source=fresh(w, "source", t), reason="More."),
            LEAD,
        ),
        "recommendations.source_verifier_set": Service(
            lambda w, t, a: s.source_verifier_set(
                actor=a, source=fresh(w, "source", t), verifier=None
            ),
            LEAD,
        ),
        "recommendations.recommendations_import": Service(
            lambda w, t, a: s.recommendations_import(
                actor=a, source=fresh(w, "source", t), rows=[]
            ),
            LEAD,
        ),
        "recommendations.recommendation_respond": Service(
            lambda w, t, a: s.recommendation_respond(
                actor=a,
                recommendation=fresh(w, "recommendation", t),
                response=s.ResponseInput(fresh(w, "recommendation", t).pk, "pending"),
                expected_version=None,
            ),
            LEAD,
        ),
        "recommendations.recommendation_link": Service(
            lambda w, t, a: s.recommendation_link(
                actor=a,
                recommendation=fresh(w, "recommendation", t),
                answered_by=fresh(w, "recommendation", t),
            ),
            LEAD,
        ),
        "recommendations.recommendation_unlink": Service(
            lambda w, t, a: s.recommendation_unlink(
                actor=a, recommendation=fresh(w, "recommendation", t)
            ),
            LEAD,
        ),
        "recommendations.recommendation_address": Service(
            lambda w, t, a: s.recommendation_address(
                actor=a, recommendation=fresh(w, "recommendation", t), statement=""
            ),
            LEAD,
        ),
        "recommendations.recommendation_verify": Service(
            lambda w, t, a: s.recommendation_verify(
                actor=a, recommendation=fresh(w, "recommendation", t)
            ),
            LEAD,
        ),
        "recommendations.recommendation_send_back": Service(
            lambda w, t, a: s.recommendation_send_back(
                actor=a, recommendation=fresh(w, "recommendation", t), reason=""
            ),
            LEAD,
        ),
        "recommendations.recommendation_reopen": Service(
            lambda w, t, a: s.recommendation_reopen(
                actor=a, recommendation=fresh(w, "recommendation", t), reason=""
            ),
            LEAD,
        ),
        "recommendations.extension_request": Service(
            lambda w, t, a: s.extension_request(
                actor=a,
                recommendation=fresh(w, "recommendation", t),
                requested_date=None,
                reason="",
            ),
            LEAD,
        ),
        "recommendations.extension_decide": Service(
            lambda w, t, a: s.extension_decide(actor=a, extension=extension(w, t), grant=False),
            LEAD,
        ),
        "recommendations.national_source_publish": no_target_service(
            lambda w, a: s.national_source_publish(
                actor=a, title="", made_by="", made_on=date(2026, 1, 1), recommendations=[]
            ),
            ("national_analyst", "administrator"),
        ),
        "recommendations.source_record_issue": Service(
            lambda w, t, a: s.source_record_issue(actor=a, issued=issued(w, t)),
            roles(("assessor",), OWN_ONLY),
        ),
        # The world's document for the source, already queued: nothing is rebuilt.
        "recommendations.source_document_request": Service(
            lambda w, t, a: s.source_document_request(
                actor=a,
                source=fresh(w, "source", t),
                kind="tracker",
                extension="pdf",
                fingerprint="a",
            ),
            READERS,
        ),
        "recommendations.scrutiny_pack_request": Service(
            lambda w, t, a: s.scrutiny_pack_request(
                actor=a, organisation=w.org(t), period="2025/26", extension="xlsx", fingerprint="a"
            ),
            READERS,
        ),
    }


SERVICES = _service_entries()
