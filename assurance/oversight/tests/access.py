from django.urls import reverse

from assurance.assessments.tests.factories import scored_version
from tests.access.matrix import BOTH, COUNCIL_READERS, OWN_ONLY, Entry, no_target, roles

from .factories import issue

OVERSEERS = ("assessor", "national_analyst")
OVERVIEW = roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH)


def _council(name, *fmt):
    return lambda w, t: reverse(f"oversight:{name}", args=[w.org(t).pk, *fmt])


ENTRIES = {
    "oversight:heatmap": no_target(lambda: reverse("oversight:heatmap"), OVERSEERS),
    "oversight:heatmap_export": no_target(
        lambda: reverse("oversight:heatmap_export", args=["csv"]), OVERSEERS
    ),
    "oversight:distributions": no_target(lambda: reverse("oversight:distributions"), OVERSEERS),
    "oversight:distributions_export": no_target(
        lambda: reverse("oversight:distributions_export", args=["xlsx"]), OVERSEERS
    ),
    "oversight:consistency": no_target(lambda: reverse("oversight:consistency"), OVERSEERS),
    "oversight:consistency_export": no_target(
        lambda: reverse("oversight:consistency_export", args=["csv"]), OVERSEERS
    ),
    "oversight:recommendations": no_target(lambda: reverse("oversight:recommendations"), OVERSEERS),
    "oversight:recommendations_export": no_target(
        lambda: reverse("oversight:recommendations_export", args=["xlsx"]), OVERSEERS
    ),
    "oversight:council": Entry(url=_council("council"), allowed=OVERVIEW),
    "oversight:council_export": Entry(url=_council("council_export", "csv"), allowed=OVERVIEW),
}


def build(world) -> None:
    """An issued assessment for each council, so the pages have figures to show."""
    version = scored_version(criteria=4)
    assessor = world.users["assessor"]
    world.add(
        "oversight_assessment",
        issue(world.own, version, "2023/24", assessor, [3, 2, 4, 3]),
        issue(world.other, version, "2023/24", assessor, [2, 2, 3, 5]),
    )
