from django.urls import reverse

from tests.access.matrix import BOTH, COUNCIL_READERS, OWN_ONLY, Entry, no_target, roles

DIRECTORY_READERS = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH, administrator=BOTH)

ENTRIES = {
    "organisations:list": no_target(
        lambda: reverse("organisations:list"),
        (*COUNCIL_READERS, "national_analyst", "administrator"),
    ),
    "organisations:detail": Entry(
        url=lambda w, t: reverse("organisations:detail", args=[w.org(t).pk]),
        allowed=DIRECTORY_READERS,
    ),
    "organisations:partnership": Entry(
        url=lambda w, t: reverse("organisations:partnership", args=[w.obj("partnership", t).pk]),
        allowed=DIRECTORY_READERS,
    ),
}
