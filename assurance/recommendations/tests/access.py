from django.urls import reverse

from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from tests.access.matrix import (
    BOTH,
    COUNCIL_READERS,
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
        "recommendation",
        RecommendationFactory(source=own, number=1),
        RecommendationFactory(source=other, number=1),
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
    "recommendations:recommendation": Entry(
        url=_url("recommendation", "recommendation"), allowed=READERS
    ),
    "recommendations:source_respond": Entry(url=_url("source_respond"), allowed=LEAD),
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
}


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from datetime import date

    from assurance.recommendations.intake import IssuedItem, IssuedSource
    from tests.access.services import Service, fresh

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
        "recommendations.recommendations_import": Service(
            lambda w, t, a: s.recommendations_import(
                actor=a, source=fresh(w, "source", t), rows=[]
            ),
            LEAD,
        ),
        "recommendations.source_record_issue": Service(
            lambda w, t, a: s.source_record_issue(actor=a, issued=issued(w, t)),
            roles(("assessor",), OWN_ONLY),
        ),
    }


SERVICES = _service_entries()
