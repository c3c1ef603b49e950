import pytest
from django.http import Http404

from assurance.accounts.permissions import Action, forget_grants
from assurance.assessments import selectors
from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory

from .factories import open_assessment, scored_version, to_awaiting_moderation, to_moderated


def test_each_council_sees_only_its_own_and_its_partnerships(
    version, council, other_council, lead, other_lead, assessor, other_assessor, analyst
):
    own = open_assessment(assessor=assessor, version=version, organisation=council)
    theirs = open_assessment(assessor=other_assessor, version=version, organisation=other_council)
    joint = open_assessment(
        assessor=assessor,
        version=version,
        partnership=PartnershipFactory(members=[council, OrganisationFactory()]),
    )
    assert set(selectors.visible_assessments(lead, purpose=Action.VIEW_RECORDS)) == {own, joint}
    assert set(selectors.visible_assessments(other_lead, purpose=Action.VIEW_RECORDS)) == {theirs}
    assert set(selectors.visible_assessments(assessor, purpose=Action.VIEW_RECORDS)) == {own, joint}
    assert set(selectors.visible_assessments(analyst, purpose=Action.VIEW_RECORDS)) == {
        own,
        theirs,
        joint,
    }
    with pytest.raises(Http404):
        selectors.get_assessment_for(lead, theirs.pk, purpose=Action.VIEW_RECORDS)
    with pytest.raises(Http404):
        selectors.get_response_for(
            other_lead, own.pk, own.responses.first().criterion_id, purpose=Action.VIEW_RECORDS
        )


def test_distribution_counts_every_council_for_the_same_version_and_period(
    council, lead, assessor, second_assessor
):
    version = scored_version(criteria=2)
    others = [OrganisationFactory(region=council.region) for _ in range(3)]
    for organisation, levels in zip(
        [council, *others], ([3, 4], [3, 2], [5, 2], [3, 2]), strict=True
    ):
        a = open_assessment(assessor=assessor, version=version, organisation=organisation)
        to_awaiting_moderation(
            a, lead if organisation == council else _lead(organisation), assessor, levels
        )
    later_council = OrganisationFactory(region=council.region)
    forget_grants(assessor)  # the assessor's region now holds one more council
    elsewhere = open_assessment(
        assessor=assessor, version=version, organisation=later_council, period="2022/23"
    )
    to_moderated(elsewhere, _lead(elsewhere.organisation), assessor, second_assessor, [1, 1])
    first, second = version.criteria.order_by("number")
    distribution = selectors.level_distribution(a)
    assert distribution[first.pk] == {3: 3, 5: 1}
    assert distribution[second.pk] == {4: 1, 2: 3}


def _lead(organisation):
    from assurance.accounts.models import Role
    from assurance.accounts.tests.factories import user_with_role

    return user_with_role(Role.COUNCIL_LEAD, organisation)


def test_awaiting_moderation_excludes_the_users_own_scores(
    version, council, lead, assessor, second_assessor
):
    a = open_assessment(assessor=assessor, version=version, organisation=council)
    to_awaiting_moderation(a, lead, assessor)
    assert list(selectors.awaiting_moderation(second_assessor)) == [a]
    assert list(selectors.awaiting_moderation(assessor)) == []
