"""The busiest records of the national data set, by the names the access
matrix uses (``world.obj(name, target)``), and a user of each role for them.

The bench measures every GET entry of the access matrix: an entry's URL is
built by its own ``url(world, target)`` against ``NationalWorld``. A new app's
entries join automatically when their records use a name below; a new record
name needs one finder in ``FINDERS`` (a function of the world returning the
record), and a URL built from fixed test values (a slug) needs an entry in
``URL_OVERRIDES``. Entries whose record has no finder are listed as skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.urls import reverse


class NoRecord(Exception):
    """The national data set has no record for this name."""


def _busiest_source(w):
    from assurance.recommendations.models import RecommendationSource

    return (
        RecommendationSource.objects.annotate(n=Count("recommendations")).order_by("-n", "pk")
    ).first()


def _recommendation(w):
    from assurance.recommendations.models import Recommendation

    return (
        Recommendation.objects.filter(source=w.obj("source", "own"))
        .annotate(n=Count("progress"))
        .order_by("-n", "pk")
        .first()
    )


def _assessment_in(*statuses):
    def find(w):
        from assurance.assessments.models import Assessment

        return (
            Assessment.objects.filter(status__in=statuses)
            .annotate(n=Count("recommendations"))
            .order_by("-period", "-n", "pk")
            .first()
        )

    return find


def _issued(w):
    from assurance.assessments.models import Assessment

    return Assessment.objects.filter(status="issued", organisation=w.own).order_by(
        "-period"
    ).first() or _assessment_in("issued")(w)


def _evidence(w):
    from assurance.evidence.models import EvidenceItem

    return EvidenceItem.objects.filter(organisation=w.own).order_by("-pk").first()


def _partnership(w):
    from assurance.organisations.models import Partnership

    return Partnership.objects.annotate(n=Count("members")).order_by("-n", "pk").first()


def _framework_version(w):
    from assurance.frameworks.models import FrameworkVersion

    return FrameworkVersion.objects.annotate(n=Count("criteria")).order_by("-n", "pk").first()


def _made(name: str):
    """A record the national data set lacks, added once by fixtures.py."""

    def find(w):
        from benchmarks.national import fixtures

        return getattr(fixtures, name)(w)

    return find


def _review(name: str):
    def find(w):
        if "review_records" not in w._made:
            from benchmarks.national import fixtures

            w._made["review_records"] = fixtures.review_records(w)
        return w._made["review_records"][name]

    return find


FINDERS: dict[str, Callable[[Any], Any]] = {
    "source": _busiest_source,
    "recommendation": _recommendation,
    "assessment": _assessment_in("submitted", "self_assessment"),
    "scoring": _assessment_in("awaiting_moderation", "scoring"),
    "issued": _issued,
    "evidence": _evidence,
    "partnership": _partnership,
    "framework_version": _framework_version,
    "own": _made("own_self_assessment"),
    "assessment_recommendation": _made("assessment_recommendation"),
    "evidence_file": _made("evidence_file"),
    "source_document": _made("source_document"),
    "national": _made("national_source"),
    "delivery": _made("delivery_records"),
    **{
        name: _review(name)
        for name in (
            "review",
            "issued_review",
            "review_session",
            "review_spare_member",
            "review_evidence",
        )
    },
}


def _version_url(w):
    v = _framework_version(w)
    return reverse("frameworks:version", args=[v.framework.slug, v.version])


def _crosswalk_url(w):
    from assurance.frameworks.models import Crosswalk

    crosswalk = Crosswalk.objects.order_by("pk").first()
    if crosswalk is None:
        raise NoRecord("crosswalk")
    return reverse("frameworks:crosswalk", args=[crosswalk.slug])


URL_OVERRIDES: dict[str, Callable[[Any], str]] = {
    "frameworks:version": _version_url,
    "frameworks:crosswalk": _crosswalk_url,
}


def _source_documents(w):
    source = w.obj("source", "own")
    return [
        (f"{kind} {fmt}", reverse("recommendations:document", args=[source.pk, kind, fmt]))
        for kind in ("tracker", "matrix")
        for fmt in ("pdf", "docx", "xlsx")
    ]


def _oversight_exports(name: str, *args):
    def variants(w):
        extra = [a(w) for a in args]
        return [(fmt, reverse(f"oversight:{name}", args=[*extra, fmt])) for fmt in ("csv", "xlsx")]

    return variants


# Downloads that the task worker builds (the request only queues them, then
# serves the stored file): timed as documents, from request to download.
# Other downloads serve a file already stored and are measured as pages.
BUILT_BY_THE_WORKER = {"recommendations:scrutiny_pack_download"}

# Documents are one URL pattern with several kinds and formats: measure each.
DOCUMENT_VARIANTS: dict[str, Callable[[Any], list[tuple[str, str]]]] = {
    "recommendations:document": _source_documents,
    **{
        f"oversight:{view}_export": _oversight_exports(f"{view}_export")
        for view in ("heatmap", "distributions", "consistency", "recommendations")
    },
    "oversight:council_export": _oversight_exports("council_export", lambda w: w.own.pk),
}


def _organisation_of(record) -> int | None:
    for attr in ("organisation_id",):
        if getattr(record, attr, None):
            return getattr(record, attr)
    for attr in ("source", "assessment", "review", "plan"):
        inner = getattr(record, attr, None)
        if inner is not None and getattr(inner, "organisation_id", None):
            return inner.organisation_id
    return None


class NationalWorld:
    """Quacks like tests.access.world.World for entries' url functions."""

    def __init__(self) -> None:
        source = _busiest_source(self)
        from assurance.organisations.models import Organisation

        self.own = Organisation.objects.get(pk=source.organisation_id)
        self.other = Organisation.objects.exclude(region=self.own.region).order_by("pk").first()
        self._cache: dict[str, Any] = {}
        self._made: dict[str, Any] = {}
        self.last_organisation_id: int | None = None

    def org(self, target: str):
        self.last_organisation_id = self.own.pk
        return self.own

    def obj(self, name: str, target: str):
        if name not in self._cache:
            finder = FINDERS.get(name)
            record = finder(self) if finder else None
            if record is None:
                raise NoRecord(name)
            self._cache[name] = record
        record = self._cache[name]
        self.last_organisation_id = _organisation_of(record) or self.own.pk
        return record

    def user_for(self, role: str, organisation_id: int | None):
        """A user of the role who may see the organisation's records."""
        from assurance.accounts.models import Membership, Role
        from assurance.organisations.models import Organisation

        organisation_id = organisation_id or self.own.pk
        if role == Role.ASSESSOR:
            region = Organisation.objects.get(pk=organisation_id).region_id
            return (
                Membership.objects.filter(role=role, user__assignments__region=region)
                .select_related("user")
                .order_by("user__email")
                .first()
                .user
            )
        memberships = Membership.objects.filter(role=role).select_related("user")
        if role in (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR):
            return memberships.order_by("-can_moderate", "user__email").first().user
        found = memberships.filter(organisation_id=organisation_id).order_by("pk").first()
        if found is None:
            raise NoRecord(f"{role} user")
        return found.user
