from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.assessments import services
from assurance.assessments.models import Assessment, CriterionResponse
from assurance.assessments.rules import Status
from assurance.assessments.services._common import ConcurrentEdit
from assurance.evidence.tests import samples
from assurance.organisations.tests.factories import PartnershipFactory

from .factories import complete_self_assessment, level, open_assessment, scored_version


@pytest.fixture
def assessment(version, council, assessor):
    return open_assessment(assessor=assessor, version=version, organisation=council)


def _first(assessment) -> CriterionResponse:
    return assessment.responses.select_related("criterion").order_by("criterion__number").first()


def _save(actor, response, **kw):
    return services.criterion_response_save(
        actor=actor,
        response=response,
        expected_version=kw.pop("expected_version", response.version),
        narrative=kw.pop("narrative", "We do this."),
        self_level=kw.pop("self_level", level(response.criterion.framework_version, 3)),
        task_status=kw.pop("task_status", "completed"),
    )


# --- Opening ---------------------------------------------------------------------


def test_opening_creates_one_task_per_criterion(assessment, assessor):
    assert assessment.status == Status.SELF_ASSESSMENT
    assert assessment.assessor == assessor
    assert assessment.responses.count() == 4
    assert set(assessment.responses.values_list("task_status", flat=True)) == {"not_started"}


def test_only_assessors_in_scope_open_assessments(version, council, lead, other_assessor, analyst):
    for actor in (lead, other_assessor, analyst):
        with pytest.raises(PermissionDenied):
            open_assessment(assessor=actor, version=version, organisation=council)


def test_a_second_assessment_for_the_same_period_is_refused(assessment, version, council, assessor):
    with pytest.raises(ValidationError, match="already has an assessment"):
        open_assessment(assessor=assessor, version=version, organisation=council)


def test_bad_period_is_refused(version, council, assessor):
    with pytest.raises(ValidationError, match="for example 2021/22"):
        open_assessment(assessor=assessor, version=version, organisation=council, period="2021")


def test_partnership_assessment_is_open_to_any_member(
    version, council, other_council, assessor, other_lead
):
    partnership = PartnershipFactory(members=[council, other_council])
    assessment = open_assessment(assessor=assessor, version=version, partnership=partnership)
    # The other council's lead may edit it too: their council is a member.
    _save(other_lead, _first(assessment))
    assert _first(assessment).task_status == "completed"


# --- Saving a criterion ------------------------------------------------------------


def test_lead_and_contributor_save_a_criterion(assessment, lead, contributor):
    response = _save(contributor, _first(assessment), task_status="in_progress", self_level=None)
    assert response.version == 2 and response.self_assessed_by == contributor
    response = _save(lead, response)
    assert response.task_status == "completed" and response.self_level.value == 3


@pytest.mark.parametrize("who", ["viewer", "other_lead", "assessor"])
def test_others_cannot_change_the_self_assessment(assessment, who, request):
    with pytest.raises(PermissionDenied):
        _save(request.getfixturevalue(who), _first(assessment))


def test_the_later_save_is_refused_and_says_who_saved_first(assessment, lead, contributor):
    opened_by_both = _first(assessment)
    _save(lead, opened_by_both, narrative="Lead's words")
    with pytest.raises(ConcurrentEdit) as refused:
        _save(contributor, opened_by_both, narrative="Contributor's words", expected_version=1)
    assert lead.full_name in str(refused.value) and "while you were editing" in str(refused.value)
    assert CriterionResponse.objects.get(pk=opened_by_both.pk).narrative == "Lead's words"


def test_a_level_from_another_scale_is_refused(assessment, lead):
    foreign = level(scored_version(criteria=1), 3)
    with pytest.raises(ValidationError, match="this framework's scale"):
        _save(lead, _first(assessment), self_level=foreign)


def test_completed_needs_narrative_and_level(assessment, lead):
    with pytest.raises(ValidationError) as refused:
        _save(lead, _first(assessment), narrative="", self_level=None)
    assert set(refused.value.message_dict) == {"narrative", "self_level"}


# --- Submitting -----------------------------------------------------------------


def test_submit_lists_the_criteria_still_missing(assessment, lead):
    _save(lead, _first(assessment))
    with pytest.raises(ValidationError) as refused:
        services.self_assessment_submit(actor=lead, assessment=assessment)
    assert "3 criteria are not completed: 2. Criterion title 2; 3. Criterion title 3; 4." in str(
        refused.value
    )
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SELF_ASSESSMENT


def test_submit_when_complete_and_then_the_self_assessment_is_locked(assessment, lead, contributor):
    complete_self_assessment(assessment, lead)
    with pytest.raises(PermissionDenied):
        services.self_assessment_submit(actor=contributor, assessment=assessment)
    submitted = services.self_assessment_submit(actor=lead, assessment=assessment)
    assert submitted.status == Status.SUBMITTED and submitted.submitted_by == lead
    with pytest.raises(ValidationError, match="You cannot change the self-assessment now"):
        _save(lead, _first(assessment))


def test_separately_assured_criteria_are_not_needed_to_submit(council, assessor, lead):
    version = scored_version(criteria=2, assured_separately=(2,))
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    _save(lead, _first(assessment))
    assert (
        services.self_assessment_submit(actor=lead, assessment=assessment).status
        == Status.SUBMITTED
    )


# --- Evidence ------------------------------------------------------------------


def _upload(actor, response, name="plan.pdf", data=samples.PDF):
    return services.criterion_evidence_file_add(
        actor=actor,
        response=response,
        title="Plan",
        evidence_date=date(2022, 1, 5),
        marking="OFFICIAL",
        upload=SimpleUploadedFile(name, data),
    )


def test_evidence_is_attached_to_the_criterion(assessment, lead):
    item = _upload(lead, _first(assessment))
    assert list(_first(assessment).evidence.all()) == [item]
    assert item.organisation == assessment.organisation


def test_evidence_cannot_be_added_by_another_council_or_after_submission(
    assessment, lead, other_lead
):
    with pytest.raises(PermissionDenied):
        _upload(other_lead, _first(assessment))
    complete_self_assessment(assessment, lead)
    services.self_assessment_submit(actor=lead, assessment=assessment)
    with pytest.raises(ValidationError, match="You cannot change the self-assessment now"):
        _upload(lead, _first(assessment))


def test_evidence_of_another_criterion_cannot_be_removed_through_this_one(assessment, lead):
    first, second = assessment.responses.order_by("criterion__number")[:2]
    item = _upload(lead, second)
    with pytest.raises(ValidationError, match="does not belong"):
        services.criterion_evidence_remove(actor=lead, response=first, item=item)


def test_contributor_of_other_role_cannot_remove(assessment, lead, council):
    item = _upload(lead, _first(assessment))
    viewer = user_with_role(Role.COUNCIL_VIEWER, council)
    with pytest.raises(PermissionDenied):
        services.criterion_evidence_remove(actor=viewer, response=_first(assessment), item=item)
