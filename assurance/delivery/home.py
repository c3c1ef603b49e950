"""The home page block for those who keep a council's delivery records: how
many quality checks are open today."""

from django.utils import timezone

from assurance.accounts.permissions import EVERYWHERE, Action, organisation_scope

from . import checks
from .selectors import org_threshold


def delivery_section(user) -> dict | None:
    scope = organisation_scope(user, Action.EDIT_DELIVERY_RECORDS)
    if scope is EVERYWHERE or not scope or len(scope) > 3:
        return None
    councils = []
    for organisation_id in sorted(scope):
        findings = checks.quality_checks(
            [organisation_id],
            as_at=timezone.localdate(),
            coverage_threshold=org_threshold(organisation_id),
        )
        councils.append({"id": organisation_id, "open": len(findings)})
    return {"councils": councils}
