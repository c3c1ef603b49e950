"""Fictional councils for the demo and the browser tests. Every name is made up."""

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


def seed() -> dict[str, Organisation]:
    regions = {
        name: Region.objects.update_or_create(name=name, defaults={"nation": nation})[0]
        for name, nation in REGIONS.items()
    }
    organisations: dict[str, Organisation] = {}
    for name, kind, region, parent, code, priority in COUNCILS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "region": regions[region],
                "parent": organisations.get(parent) if parent else None,
                "gss_code": code,
                "is_priority_area": priority,
            },
        )
    for name in ASSESSING_BODIES:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": "assessing_body"}
        )
    partnership, _ = Partnership.objects.get_or_create(name=PARTNERSHIP[0])
    if not partnership.postal_address:
        # Fictional: letters and reports to the partnership go to its joint office.
        partnership.postal_address = PARTNERSHIP_ADDRESS
        partnership.save(update_fields=["postal_address"])
    partnership.members.set([organisations[n] for n in PARTNERSHIP[1]])
    return organisations
