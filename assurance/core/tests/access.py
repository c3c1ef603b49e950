from django.urls import reverse

from tests.access.matrix import EVERYONE, Entry, no_target, roles

ENTRIES = {
    "core:home": no_target(lambda: reverse("core:home"), EVERYONE),
    "core:accessibility": no_target(lambda: reverse("core:accessibility"), (), public=True),
    "core:privacy": no_target(lambda: reverse("core:privacy"), (), public=True),
    "core:healthz": no_target(lambda: reverse("core:healthz"), (), public=True),
}

HISTORY_READERS = roles(
    ("council_lead", "council_contributor", "council_viewer", "assessor"),
    {"own"},
    national_analyst={"own", "other"},
    administrator={"own", "other"},
)

ENTRIES["core:history"] = Entry(
    url=lambda w, t: reverse("core:history", args=["organisations.organisation", w.org(t).pk]),
    allowed=HISTORY_READERS,
)
