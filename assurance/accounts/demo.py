"""One demo account per role, with a published password. Only ever created
where settings.DEMO_ACCOUNTS_ALLOWED is on (never in production)."""

from .models import AssessorAssignment, Membership, Role, User
from .permissions import second_factor_required_for_roles

DEMO_PASSWORD = "demo-Prevent-2026"

# email, name, role, organisation name (None: all), extra
DEMO_USERS = [
    ("lead@ashdown.example", "Amrit Lead", Role.COUNCIL_LEAD, "Ashdown County Council"),
    (
        "contributor@ashdown.example",
        "Bea Contributor",
        Role.COUNCIL_CONTRIBUTOR,
        "Ashdown County Council",
    ),
    ("viewer@ashdown.example", "Cal Viewer", Role.COUNCIL_VIEWER, "Ashdown County Council"),
    ("lead@eastwick.example", "Dee Lead", Role.COUNCIL_LEAD, "London Borough of Eastwick"),
    (
        "assessor@homeoffice.example",
        "Evan Assessor",
        Role.ASSESSOR,
        "Home Office Prevent Local Delivery",
    ),
    (
        "moderator@homeoffice.example",
        "Fay Moderator",
        Role.ASSESSOR,
        "Home Office Prevent Local Delivery",
    ),
    ("reviewer@tamsworth.example", "Gil Reviewer", Role.PEER_REVIEWER, "Tamsworth City Council"),
    (
        "manager@gov-scot.example",
        "Isla Manager",
        Role.ASSESSOR,
        "Scottish Government Prevent Review Team",
    ),
    ("lead@glenrannoch.example", "Jo Lead", Role.COUNCIL_LEAD, "Glenrannoch Council"),
    ("analyst@homeoffice.example", "Hana Analyst", Role.NATIONAL_ANALYST, None),
    ("admin@service.example", "Ivo Administrator", Role.ADMINISTRATOR, None),
]
# Which regions each assessor covers.
ASSIGNMENTS = {
    "assessor@homeoffice.example": ["East Midlands"],
    "moderator@homeoffice.example": ["East Midlands", "North West", "London", "Wales"],
    "manager@gov-scot.example": ["Scotland"],
}

# The demo administrator may open the Django admin; the demo analyst moderates.
ADMINISTRATORS = {"admin@service.example"}
MODERATING_ANALYSTS = {"analyst@homeoffice.example"}


def seed() -> list[tuple[str, str, str]]:
    from assurance.organisations.models import Organisation, Region

    organisations = {o.name: o for o in Organisation.objects.all()}
    logins = []
    for email, name, role, organisation_name in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
        user.full_name = name
        user.is_staff = user.is_superuser = email in ADMINISTRATORS
        user.save()
        organisation = organisations.get(organisation_name) if organisation_name else None
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            role=role,
            defaults={"can_moderate": email in MODERATING_ANALYSTS},
        )
        for region_name in ASSIGNMENTS.get(email, []):
            AssessorAssignment.objects.get_or_create(
                assessor=user, region=Region.objects.get(name=region_name)
            )
        where = organisation_name or "All organisations"
        if second_factor_required_for_roles({role}, is_staff=user.is_staff):
            where += "; sets up two-factor authentication on first sign-in"
        logins.append((Role(role).label, email, where))
    return logins
