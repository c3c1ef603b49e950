"""The questions about roles that only permissions.py answers: who acts for a
council, a council's people, who hands over which source, field visibility."""

from types import SimpleNamespace

import pytest

from assurance.accounts import permissions as p
from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import UserFactory, assessor_for, user_with_role

pytestmark = pytest.mark.django_db


def test_who_acts_for_a_council_and_who_assesses(council):
    lead, assessor = user_with_role(Role.COUNCIL_LEAD, council), assessor_for(council)
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    assert p.acts_for_council(lead) and not p.acts_as_assessor(lead)
    assert p.acts_as_assessor(assessor) and not p.acts_for_council(assessor)
    assert p.sees_every_organisation(analyst) and not p.sees_every_organisation(lead)
    assert p.assessing_body_of(lead) is None


def test_a_councils_people_are_its_active_council_role_holders(council, other_council):
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    viewer = user_with_role(Role.COUNCIL_VIEWER, council)
    gone = user_with_role(Role.COUNCIL_VIEWER, council)
    gone.is_active = False
    gone.save()
    user_with_role(Role.COUNCIL_LEAD, other_council)
    assessor_for(council)  # assesses the council but is not one of its people
    assert set(p.council_people([council.pk])) == {lead, viewer}
    leads = p.council_people([council.pk], holding=p.Action.RESPOND_RECOMMENDATIONS)
    assert list(leads) == [lead]


def test_memberships_removed_only_by_the_councils_lead_and_never_their_own_lead_role(council):
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    own_lead_role = Membership.objects.get(user=lead)
    viewer = Membership.objects.create(
        user=UserFactory(), organisation=council, role="council_viewer"
    )
    assert p.may_remove_membership(lead, viewer)
    assert p.removes_own_lead_role(lead, own_lead_role)
    assert not p.may_remove_membership(user_with_role(Role.COUNCIL_VIEWER, council), viewer)


def test_only_issuers_hand_over_and_only_their_kind(council, other_council):
    assessor, lead = assessor_for(council), user_with_role(Role.COUNCIL_LEAD, council)
    assert p.may_hand_over(assessor, "assessment", council.pk)
    assert not p.may_hand_over(assessor, "assessment", other_council.pk)
    assert not p.may_hand_over(assessor, "scrutiny_review", council.pk)
    assert not p.may_hand_over(lead, "assessment", council.pk)
    assert p.may_record_source(lead, council.pk) and not p.may_record_source(assessor, council.pk)


class _Record(SimpleNamespace):
    class _meta:  # noqa: N801 - mimics a model's _meta
        label_lower = "tests.draft"


def test_draft_fields_hidden_off_the_assessing_side_until_issue_and_in_history(
    council, monkeypatch
):
    monkeypatch.setitem(p.DRAFT_FIELDS, "tests.draft", frozenset({"note"}))
    stages = {}
    monkeypatch.setitem(p._STAGES, "tests.draft", lambda record: stages["now"])
    lead, assessor = user_with_role(Role.COUNCIL_LEAD, council), assessor_for(council)
    record = _Record()
    stages["now"] = p.Stage((council.pk,), issued=False)
    assert p.hidden_fields(lead, record) == {"note"}
    assert p.hidden_fields(assessor, record) == frozenset()
    stages["now"] = p.Stage((council.pk,), issued=True)
    assert p.hidden_fields(lead, record) == frozenset()
    assert p.hidden_fields(lead, record, history=True) == {"note"}
    assert p.hidden_fields(assessor, record, history=True) == frozenset()
