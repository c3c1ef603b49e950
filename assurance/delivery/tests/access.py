from django.urls import reverse

from assurance.delivery.tests.factories import records_for
from tests.access.matrix import BOTH, COUNCIL_READERS, OWN_ONLY, Entry, no_target, roles

READERS = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH)
EDITORS = roles(["council_lead", "council_contributor"], OWN_ONLY)


def build(world) -> None:
    world.add("delivery", records_for(world.own), records_for(world.other))


def _org(name, slug=None):
    extra = [slug] if slug else []
    return lambda w, t: reverse(f"delivery:{name}", args=[w.org(t).pk, *extra])


def _record(name, slug):
    return lambda w, t: reverse(f"delivery:{name}", args=[slug, w.obj("delivery", t).of(slug).pk])


ENTRIES = {
    # One council in scope: sent straight to its dashboard.
    "delivery:index": no_target(
        lambda: reverse("delivery:index"),
        (*COUNCIL_READERS, "national_analyst"),
        overrides=dict.fromkeys(COUNCIL_READERS, 302),
    ),
    "delivery:dashboard": Entry(url=_org("dashboard"), allowed=READERS),
    "delivery:records": Entry(url=_org("records", "referrals"), allowed=READERS),
    "delivery:record_create": Entry(url=_org("record_create", "meetings"), allowed=EDITORS),
    "delivery:export": Entry(url=_org("export", "risks"), allowed=READERS),
    "delivery:import": Entry(url=_org("import", "training"), allowed=EDITORS),
    # No preview in the session: sent back to the upload page.
    "delivery:import_confirm": Entry(
        url=_org("import_confirm", "actions"), allowed=EDITORS, method="post", ok=302
    ),
    "delivery:import_template": no_target(
        lambda: reverse("delivery:import_template", args=["meetings", "csv"]),
        ("council_lead", "council_contributor"),
    ),
    "delivery:record": Entry(url=_record("record", "channel"), allowed=READERS),
    "delivery:record_edit": Entry(url=_record("record_edit", "policies"), allowed=EDITORS),
    "delivery:update_add": Entry(
        url=lambda w, t: reverse("delivery:update_add", args=[w.obj("delivery", t).action.pk]),
        allowed=EDITORS,
        method="post",
        ok=302,
        data=lambda w, t: {"recorded_on": "01/01/2025", "note": "Started."},
    ),
}


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from django.utils import timezone

    from tests.access.services import Service

    from .. import services as s

    def records(w, t):
        return w.obj("delivery", t)

    return {
        "delivery.delivery_record_create": Service(
            lambda w, t, a: s.delivery_record_create(
                actor=a, slug="risks", organisation=w.org(t), values={}
            ),
            EDITORS,
        ),
        "delivery.delivery_record_update": Service(
            lambda w, t, a: s.delivery_record_update(
                actor=a, slug="risks", record=records(w, t).risk, values={}
            ),
            EDITORS,
        ),
        "delivery.action_update_add": Service(
            lambda w, t, a: s.action_update_add(
                actor=a,
                action=records(w, t).action,
                recorded_on=timezone.localdate(),
                note="Started.",
            ),
            EDITORS,
        ),
        "delivery.delivery_rows_import": Service(
            lambda w, t, a: s.delivery_rows_import(
                actor=a, slug="risks", organisation=w.org(t), rows=[]
            ),
            EDITORS,
        ),
    }


SERVICES = _service_entries()
