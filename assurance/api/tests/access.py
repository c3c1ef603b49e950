"""Every API route for every role, own and other organisation (signed in
with a session, as the browsable pages are; tokens answer the same, see
test_tokens.py). Anonymous callers get 401, never a redirect to sign in."""

from django.urls import reverse

from assurance.delivery.kinds import KINDS
from tests.access.matrix import (
    BOTH,
    COUNCIL,
    COUNCIL_READERS,
    EVERYONE,
    OWN_ONLY,
    api_entry,
    api_no_target,
    no_target,
    roles,
)

READERS = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH)
LIST_READERS = (*COUNCIL, "assessor", "national_analyst")
DIRECTORY = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH, administrator=BOTH)
LEAD = roles(["council_lead"], OWN_ONLY)
EDITORS = roles(["council_lead", "council_contributor"], OWN_ONLY)
JSON = "application/json"


def _url(name, record, *extra):
    return lambda w, t: reverse(f"api:{name}", args=[w.obj(record, t).pk, *extra])


def _if_match(record):
    def extra(w, t):
        item = w.obj(record, t)
        return {
            "content_type": JSON,
            "headers": {"If-Match": f'"recommendation-{item.pk}-v{item.version}"'},
        }

    return extra


def _delivery(slug):
    url = reverse(f"api:delivery_{slug}")
    return [
        api_no_target(lambda: url, LIST_READERS),
        # The council is named in the body; the form then refuses the empty record.
        api_entry(
            lambda w, t: url,
            EDITORS,
            method="post",
            ok=400,
            data=lambda w, t: {"organisation": w.org(t).pk},
        ),
    ]


ENTRIES = {
    "api:schema": no_target(lambda: reverse("api:schema"), (), public=True),
    "api:docs": no_target(lambda: reverse("api:docs"), (), public=True),
    "api:organisations": api_no_target(
        lambda: reverse("api:organisations"),
        (*COUNCIL_READERS, "national_analyst", "administrator"),
    ),
    "api:organisation": api_entry(
        lambda w, t: reverse("api:organisation", args=[w.org(t).pk]), DIRECTORY
    ),
    "api:frameworks": api_no_target(lambda: reverse("api:frameworks"), EVERYONE),
    "api:framework": api_entry(
        _url("framework", "framework_version"), roles(EVERYONE), targets=("own",)
    ),
    "api:assessments": api_no_target(lambda: reverse("api:assessments"), LIST_READERS),
    "api:assessment": api_entry(_url("assessment", "assessment"), READERS),
    "api:letter_download": api_entry(_url("letter_download", "issued", 1, "pdf"), READERS),
    "api:sources": api_no_target(lambda: reverse("api:sources"), LIST_READERS),
    "api:source": api_entry(_url("source", "source"), READERS),
    # No file: the import form's own message, 400.
    "api:source_import": api_entry(_url("source_import", "source"), LEAD, method="post", ok=400),
    "api:recommendations": api_no_target(lambda: reverse("api:recommendations"), LIST_READERS),
    "api:recommendation": [
        api_entry(_url("recommendation", "recommendation"), READERS),
        api_entry(
            _url("recommendation", "recommendation"),
            LEAD,
            method="put",
            data=lambda w, t: {"response": "accepted", "lead": "Head of community safety"},
            extra=_if_match("recommendation"),
        ),
    ],
    "api:progress": [
        api_entry(_url("progress", "recommendation"), READERS),
        api_entry(
            _url("progress", "recommendation"),
            EDITORS,
            method="post",
            ok=201,
            data=lambda w, t: {"entry": "The board agreed the plan."},
            extra=_if_match("recommendation"),
        ),
    ],
    "api:heatmap": api_no_target(lambda: reverse("api:heatmap"), ("assessor", "national_analyst")),
    **{f"api:delivery_{slug}": _delivery(slug) for slug in KINDS},
}
