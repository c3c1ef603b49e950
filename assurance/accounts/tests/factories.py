import factory

from assurance.accounts.models import AssessorAssignment, Membership, Role, User
from assurance.organisations.tests.factories import OrganisationFactory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@council.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COUNCIL_LEAD


def user_with_role(role: str, organisation=None, **membership) -> User:
    """A user holding one role; global roles get no organisation."""
    user = UserFactory()
    if role in (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR):
        organisation = None
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.save()
    Membership.objects.create(user=user, organisation=organisation, role=role, **membership)
    return user


def assessor_for(*organisations, region=None, body=None) -> User:
    body = body or OrganisationFactory(kind="assessing_body", region=None)
    user = user_with_role(Role.ASSESSOR, body)
    for organisation in organisations:
        AssessorAssignment.objects.create(assessor=user, organisation=organisation)
    if region is not None:
        AssessorAssignment.objects.create(assessor=user, region=region)
    return user
