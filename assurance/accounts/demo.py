"""One demo account per role, with a published password. Only ever created
where settings.DEMO_ACCOUNTS_ALLOWED is on (never in production)."""

from . import services
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

# The demo administrator (below) may open the Django admin; the demo analyst moderates.
MODERATING_ANALYSTS = {"analyst@homeoffice.example"}


ADMINISTRATOR = ("admin@service.example", "Ivo Administrator")


def administrator() -> User:
    """The demo administrator, written directly: it is the one record no
    service can make, since every service needs an actor allowed to act, and
    before it exists there is none. Everything else in the demo is made by
    this account or another demo user, through the services."""
    email, name = ADMINISTRATOR
    user = _account(email, name, can_sign_in=True)
    if not user.is_staff:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    Membership.objects.get_or_create(user=user, organisation=None, role=Role.ADMINISTRATOR)
    return User.objects.get(pk=user.pk)  # a fresh object: no grants remembered from before


def _account(email: str, name: str, *, can_sign_in: bool) -> User:
    """An account, written directly: no service creates accounts (in real use
    an administrator creates them in the admin, which has no service of its
    own for users). Roles are never given here: see ``demo_user``."""
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created or (can_sign_in and not user.has_usable_password()):
        if can_sign_in:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    return user


def demo_user(
    email: str,
    name: str,
    role: str,
    organisation=None,
    *,
    can_sign_in: bool = True,
    can_moderate: bool = False,
) -> User:
    """A demo account holding ``role`` at ``organisation``, the role given by
    the demo administrator through ``services.membership_save`` (so the
    model's rules and the history apply). Safe to call again."""
    user = _account(email, name, can_sign_in=can_sign_in)
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if membership is None or membership.can_moderate != can_moderate:
        membership = membership or Membership(user=user, organisation=organisation, role=role)
        membership.can_moderate = can_moderate
        services.membership_save(actor=administrator(), membership=membership)
    return user


def assign(assessor: User, region) -> None:
    """An assessor's region, given by the demo administrator."""
    if not AssessorAssignment.objects.filter(assessor=assessor, region=region).exists():
        services.assignment_save(
            actor=administrator(),
            assignment=AssessorAssignment(assessor=assessor, region=region),
        )


def council_author(organisation) -> User:
    """The council's lead, for demo records a council writes. Councils without
    a demo sign-in get a lead who cannot sign in."""
    from .permissions import Action, council_people

    lead = council_people([organisation.pk], holding=Action.RESPOND_RECOMMENDATIONS).first()
    if lead:
        return lead
    words = organisation.name.split()
    slug = (words[-1] if organisation.name.startswith("London") else words[0]).lower()
    return demo_user(
        f"prevent-lead@{slug}.example",
        f"{words[0]} Prevent Lead",
        Role.COUNCIL_LEAD,
        organisation,
        can_sign_in=False,
    )


def seed() -> list[tuple[str, str, str]]:
    from assurance.organisations.models import Organisation, Region

    administrator()
    organisations = {o.name: o for o in Organisation.objects.all()}
    logins = []
    for email, name, role, organisation_name in DEMO_USERS:
        organisation = organisations[organisation_name] if organisation_name else None
        user = demo_user(
            email,
            name,
            role,
            organisation,
            can_moderate=email in MODERATING_ANALYSTS,
        )
        if user.full_name != name:
            user.full_name = name
            user.save(update_fields=["full_name"])
        for region_name in ASSIGNMENTS.get(email, []):
            assign(user, Region.objects.get(name=region_name))
        where = organisation_name or "All organisations"
        if second_factor_required_for_roles({role}, is_staff=user.is_staff):
            where += "; sets up two-factor authentication on first sign-in"
        logins.append((Role(role).label, email, where))
    return logins
