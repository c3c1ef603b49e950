"""The hand-over from an issuing app into the register (recommendations.intake):
typed values in, one source per issued record, responses kept on reissue."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory
from assurance.recommendations.intake import IssuedItem, IssuedSource
from assurance.recommendations.models import (
    RecommendationSource,
    Response,
    SourceKind,
    SourceStatus,
    Status,
)
from assurance.recommendations.services import (
    ResponseInput,
    recommendation_add,
    source_record_issue,
    source_respond,
)

pytestmark = pytest.mark.django_db


def _issued(council, *items, **changes) -> IssuedSource:
    value = IssuedSource(
        kind=SourceKind.ASSESSMENT,
        origin_id=42,
        organisation_id=council.pk,
        title="Assessment 2026/27",
        made_by="Regional advisers",
        made_on=date(2026, 11, 1),
        items=items,
    )
    return replace(value, **changes)


def _item(key, number, text="Refresh the plan.", **extra) -> IssuedItem:
    return IssuedItem(key=key, number=number, text=text, **extra)


@pytest.fixture
def issuer(council):
    return assessor_for(council)


def test_first_issue_creates_the_source_numbered_as_issued(council, issuer):
    source = source_record_issue(
        actor=issuer,
        issued=_issued(council, _item("a", 1), _item("b", 2, "Train staff.", theme="Training")),
    )
    assert source.organisation == council and source.is_issued
    rows = list(source.recommendations.values_list("number", "origin_key", "text", "theme"))
    assert rows == [("1", "a", "Refresh the plan.", ""), ("2", "b", "Train staff.", "Training")]


def test_nothing_issued_creates_nothing(council, issuer):
    assert source_record_issue(actor=issuer, issued=_issued(council)) is None
    assert not RecommendationSource.objects.exists()


def test_reissue_keeps_responses_adds_after_and_supersedes_withdrawn(council, issuer, lead):
    source = source_record_issue(
        actor=issuer, issued=_issued(council, _item("a", 1), _item("b", 2))
    )
    first = source.recommendations.get(origin_key="a")
    source_respond(
        actor=lead,
        source=source,
        responses=[ResponseInput(first.pk, Response.ACCEPTED, lead="Prevent lead")],
    )
    again = source_record_issue(
        actor=issuer,
        issued=_issued(council, _item("a", 2, "Refresh the plan by March."), _item("c", 1)),
    )
    assert again.pk == source.pk
    by_key = {r.origin_key: r for r in again.recommendations.all()}
    assert (by_key["a"].number, by_key["a"].response) == ("1", Response.ACCEPTED)
    assert by_key["a"].text == "Refresh the plan by March."
    assert by_key["b"].status == Status.SUPERSEDED and by_key["b"].progress.count() == 1
    assert by_key["c"].number == "3"  # after the existing numbers: references never move


def test_reissue_of_a_closed_source_with_changes_reopens_it(council, issuer, lead):
    source = source_record_issue(actor=issuer, issued=_issued(council, _item("a", 1)))
    RecommendationSource.objects.filter(pk=source.pk).update(
        status=SourceStatus.CLOSED, closed_by=lead, closed_at=timezone.now()
    )
    source_record_issue(actor=issuer, issued=_issued(council, _item("a", 1, "New words.")))
    source.refresh_from_db()
    assert source.status == SourceStatus.OPEN


def test_the_council_cannot_add_items_by_hand_to_an_issued_source(council, issuer, lead):
    source = source_record_issue(actor=issuer, issued=_issued(council, _item("a", 1)))
    with pytest.raises(ValidationError, match="come from the issued"):
        recommendation_add(actor=lead, source=source, number=2, text="Our own.")


@pytest.mark.parametrize(
    "items",
    [
        (_item("a", 1), _item("a", 2)),  # key twice
        (_item("a", 1), _item("b", 1)),  # number twice
        (_item("a", 1, "  "),),  # no text
        (_item("", 1),),  # no key
    ],
)
def test_a_malformed_value_is_refused_whole(council, issuer, items):
    with pytest.raises(ValidationError):
        source_record_issue(actor=issuer, issued=_issued(council, *items))
    assert not RecommendationSource.objects.exists()


def test_only_kinds_with_an_issuer_are_handed_over(council, issuer, lead):
    for actor in (issuer, lead):  # a council records its own reviews by hand
        with pytest.raises(PermissionDenied):
            source_record_issue(
                actor=actor, issued=_issued(council, _item("a", 1), kind="scrutiny_review")
            )


def test_refused_outside_the_issuers_scope(council, other_council):
    with pytest.raises(PermissionDenied):
        source_record_issue(
            actor=assessor_for(other_council), issued=_issued(council, _item("a", 1))
        )
    with pytest.raises(PermissionDenied):  # a council viewer issues nothing
        source_record_issue(
            actor=user_with_role(Role.COUNCIL_VIEWER, council),
            issued=_issued(council, _item("a", 1)),
        )


def test_partnership_source_needs_a_member_council(council, issuer):
    outsider = OrganisationFactory()
    partnership = PartnershipFactory(members=[outsider])
    with pytest.raises(ValidationError, match="not a member"):
        source_record_issue(
            actor=issuer,
            issued=_issued(council, _item("a", 1), partnership_id=partnership.pk),
        )
