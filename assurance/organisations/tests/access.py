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


# --- Service matrix: the directory is written by administrators only -----------


def _service_entries():
    from tests.access.services import no_target_service

    from .. import services as s
    from ..models import Organisation, Partnership, Region
    from .factories import OrganisationFactory, PartnershipFactory, RegionFactory

    admin = ("administrator",)
    return {
        "organisations.region_save": no_target_service(
            lambda w, a: s.region_save(actor=a, region=Region(name="New Region")), admin
        ),
        "organisations.region_delete": no_target_service(
            lambda w, a: s.region_delete(actor=a, region=RegionFactory()), admin
        ),
        "organisations.organisation_save": no_target_service(
            lambda w, a: s.organisation_save(
                actor=a,
                organisation=Organisation(name="New Council", kind="county", region=w.own.region),
            ),
            admin,
        ),
        "organisations.organisation_delete": no_target_service(
            lambda w, a: s.organisation_delete(actor=a, organisation=OrganisationFactory()), admin
        ),
        "organisations.partnership_save": no_target_service(
            lambda w, a: s.partnership_save(
                actor=a, partnership=Partnership(name="New Partnership"), members=[w.own]
            ),
            admin,
        ),
        "organisations.partnership_delete": no_target_service(
            lambda w, a: s.partnership_delete(
                actor=a, partnership=PartnershipFactory(members=[w.own])
            ),
            admin,
        ),
    }


SERVICES = _service_entries()
