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
