"""Fictional councils for the demo and the browser tests. Every name is made up."""

from . import services
from .models import Nation, Organisation, Partnership, Region

REGIONS = {
    "East Midlands": Nation.ENGLAND,
    "North West": Nation.ENGLAND,
    "London": Nation.ENGLAND,
    "Wales": Nation.WALES,
    "Scotland": Nation.SCOTLAND,
}

# name, kind, region, parent, GSS-style code (fictional range), priority area
COUNCILS = [
    ("Ashdown County Council", "county", "East Midlands", None, "E10900001", True),
    (
        "Ashdown Vale District Council",
        "district",
        "East Midlands",
        "Ashdown County Council",
        "E07900001",
        False,
    ),
    (
        "Brookmere District Council",
        "district",
        "East Midlands",
        "Ashdown County Council",
        "E07900002",
        False,
    ),
    (
        "Kestrel Heath District Council",
        "district",
        "East Midlands",
        "Ashdown County Council",
        "E07900003",
        False,
    ),
    ("Tamsworth City Council", "unitary", "East Midlands", None, "E06900001", True),
    ("Wyre Valley Council", "unitary", "East Midlands", None, "E06900002", False),
    (
        "Harbourside Metropolitan Borough Council",
        "metropolitan",
        "North West",
        None,
        "E08900001",
        True,
    ),
    (
        "Millbeck Metropolitan Borough Council",
        "metropolitan",
        "North West",
        None,
        "E08900002",
        False,
    ),
    ("London Borough of Eastwick", "london_borough", "London", None, "E09900001", True),
    ("London Borough of Northgate", "london_borough", "London", None, "E09900002", False),
    ("Cwm Teifi County Borough Council", "welsh", "Wales", None, "W06900001", False),
    ("Glenrannoch Council", "scottish", "Scotland", None, "S12900001", False),
]
ASSESSING_BODIES = [
    "Home Office Prevent Local Delivery",
    "Scottish Government Prevent Review Team",
]
PARTNERSHIP = (
    "Ashdown, Tamsworth and Wyre Prevent Partnership",
    ["Ashdown County Council", "Tamsworth City Council", "Wyre Valley Council"],
)
PARTNERSHIP_ADDRESS = "Joint Prevent Team\nShire Hall\nAshdown AS1 4PQ"


def _saved(actor, model, save, name: str, values: dict, **save_kwargs):
    """Create or update the record called ``name`` through its service, as
    an administrator would in the admin; an unchanged record is not saved
    again (no empty history rows on a re-run)."""
    record = model.objects.filter(name=name).first()
    if record is not None and all(getattr(record, k) == v for k, v in values.items()):
        return record
    record = record or model(name=name)
    for key, value in values.items():
        setattr(record, key, value)
    return save(actor=actor, **{model._meta.model_name: record}, **save_kwargs)


def seed() -> dict[str, Organisation]:
    from assurance.accounts.demo import administrator

    actor = administrator()
    regions = {
        name: _saved(actor, Region, services.region_save, name, {"nation": nation})
        for name, nation in REGIONS.items()
    }
    organisations: dict[str, Organisation] = {}
    for name, kind, region, parent, code, priority in COUNCILS:
        organisations[name] = _saved(
            actor,
            Organisation,
            services.organisation_save,
            name,
            {
                "kind": kind,
                "region": regions[region],
                "parent": organisations.get(parent) if parent else None,
                "gss_code": code,
                "is_priority_area": priority,
            },
        )
    for name in ASSESSING_BODIES:
        organisations[name] = _saved(
            actor, Organisation, services.organisation_save, name, {"kind": "assessing_body"}
        )
    name, members = PARTNERSHIP
    partnership = Partnership.objects.filter(name=name).first()
    wanted = {organisations[n].pk for n in members}
    if (
        partnership is None
        or set(partnership.members.values_list("pk", flat=True)) != wanted
        or not partnership.postal_address
    ):
        partnership = partnership or Partnership(name=name)
        # Fictional: letters and reports to the partnership go to its joint office.
        partnership.postal_address = partnership.postal_address or PARTNERSHIP_ADDRESS
        services.partnership_save(
            actor=actor,
            partnership=partnership,
            members=[organisations[n] for n in members],
        )
    return organisations
