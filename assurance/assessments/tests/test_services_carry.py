"""Opening the next cycle: last period's narratives and evidence become a
draft to confirm, through the crosswalk when the framework changed; statuses
reset; nothing is carried when the person says no; in a fixed number of
queries; every carried record has its history."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assurance.assessments import selectors, services
from assurance.assessments.models import Assessment
from assurance.evidence.models import EvidenceItem
from assurance.evidence.selectors import evidence_for
from assurance.evidence.tests.samples import CSV

from .factories import (
    complete_self_assessment,
    crosswalk,
    level,
    open_own,
    rag_version,
    record_as_issued,
    scored_version,
)

pytestmark = pytest.mark.django_db


def _last_year(version, council, lead, assessor, *, period="2024/25", evidence_date=None):
    """An issued assessment with narratives and one link per criterion."""
    earlier = services.assessment_open(
        actor=assessor,
        framework_version=version,
        period=period,
        due_date=date(2024, 6, 30),
        organisation=council,
    )
    complete_self_assessment(earlier, lead)
    for response in earlier.responses.select_related("criterion"):
        services.criterion_evidence_link_add(
            actor=lead,
            response=response,
            title=f"Plan for criterion {response.criterion.number}",
            evidence_date=evidence_date or date(2024, 5, 1),
            marking="OFFICIAL",
            url=f"https://example.org/plan/{response.criterion.number}",
        )
    # Scored at level 3 (a shortcut: scoring itself is tested elsewhere).
    earlier.responses.update(assessed_level=level(version, 3))
    record_as_issued(earlier, assessor)
    return earlier


def _open(version, council, assessor, *, carry_forward=True, period="2025/26"):
    return services.assessment_open(
        actor=assessor,
        framework_version=version,
        period=period,
        due_date=date(2025, 6, 30),
        organisation=council,
        carry_forward=carry_forward,
    )


def _by_number(assessment):
    return {r.criterion.number: r for r in assessment.responses.select_related("criterion")}


def test_narratives_and_evidence_carry_forward_marked_to_confirm_with_statuses_reset(
    version, council, lead, assessor
):
    earlier = _last_year(version, council, lead, assessor)
    later = _open(version, council, assessor)
    assert later.carried_from_id == earlier.pk
    responses = _by_number(later)
    first = responses[1]
    assert first.narrative == "How we meet criterion 1."
    assert first.task_status == "in_progress"  # never completed
    assert first.self_level is None  # levels are not carried
    assert first.carried_forward
    items = list(evidence_for(first))
    assert [(i.title, i.url, i.carried_forward) for i in items] == [
        ("Plan for criterion 1", "https://example.org/plan/1", True)
    ]
    # Last year's record is untouched.
    old = earlier.responses.get(criterion=first.criterion)
    assert old.task_status == "completed" and not old.carried_forward
    assert not evidence_for(old).get().carried_forward
    # In history, with the reason.
    assert first.history.first().history_change_reason.startswith("Carried forward from 2024/25")
    assert items[0].history.first().history_user == assessor


def test_nothing_is_carried_when_the_person_starts_blank(version, council, lead, assessor):
    _last_year(version, council, lead, assessor)
    later = _open(version, council, assessor, carry_forward=False)
    assert later.carried_from_id is None
    assert not later.responses.exclude(narrative="").exists()
    assert not later.responses.filter(carried_forward=True).exists()
    assert not EvidenceItem.objects.filter(holder_id__in=later.responses.values("pk")).exists()


def test_nothing_is_carried_without_an_earlier_issued_assessment(version, council, assessor):
    later = _open(version, council, assessor)
    assert later.carried_from_id is None
    assert not later.responses.filter(carried_forward=True).exists()


def test_a_new_framework_version_carries_through_the_crosswalk(council, lead, assessor):
    old, new = scored_version(criteria=4), scored_version(criteria=3)
    walk = crosswalk(old, new, {1: 1, 2: 2})
    # Criterion 3 of last year merges into criterion 2; 4 is removed; 3 is new.
    walk.mappings.create(
        source_criterion=old.criteria.get(number=3),
        target_criterion=new.criteria.get(number=2),
        relation="merged",
    )
    _last_year(old, council, lead, assessor)
    later = _open(new, council, assessor)
    responses = _by_number(later)
    assert responses[1].narrative == "How we meet criterion 1."
    assert responses[2].narrative == (
        "From last period's criterion 2:\nHow we meet criterion 2.\n\n"
        "From last period's criterion 3:\nHow we meet criterion 3."
    )
    assert [i.title for i in evidence_for(responses[2])] == [
        "Plan for criterion 2",
        "Plan for criterion 3",
    ]
    assert responses[3].narrative == "" and not responses[3].carried_forward
    assert responses[3].task_status == "not_started"
    changes = selectors.carried_changes(later)
    assert changes.framework_changed
    assert [c.number for c in changes.new] == [3]
    assert [c.number for c in changes.merged] == [2]
    assert [c.number for c in changes.removed] == [4]
    one = selectors.carried_changes(later, responses[2].criterion_id)
    assert one.change == "merged"
    assert [e.number for e in one.earlier] == [2, 3]
    assert one.earlier[0].level.value == 3  # last period's final level


def test_another_framework_without_a_crosswalk_carries_nothing(council, lead, assessor):
    _last_year(scored_version(criteria=2), council, lead, assessor)
    later = _open(scored_version(criteria=2), council, assessor)
    assert later.carried_from_id is None
    assert not later.responses.exclude(narrative="").exists()


def test_saving_the_task_confirms_what_was_carried(version, council, lead, assessor):
    _last_year(version, council, lead, assessor)
    later = _open(version, council, assessor)
    response = _by_number(later)[1]
    services.criterion_response_save(
        actor=lead,
        response=response,
        expected_version=response.version,
        narrative=response.narrative + " Still true this year.",
        self_level=None,
        task_status="in_progress",
    )
    response.refresh_from_db()
    assert not response.carried_forward
    assert not evidence_for(response).filter(carried_forward=True).exists()
    # The other criteria still wait.
    assert later.responses.filter(carried_forward=True).count() == 3


def test_removing_a_carried_file_keeps_last_years_file(
    version, council, lead, assessor, django_capture_on_commit_callbacks
):
    earlier = _last_year(version, council, lead, assessor)
    old = earlier.responses.order_by("criterion__number").first()
    earlier.status = "self_assessment"  # open again just long enough to add a file
    earlier.save()
    original = services.criterion_evidence_file_add(
        actor=lead,
        response=old,
        title="Signed plan",
        evidence_date=date(2024, 5, 1),
        marking="OFFICIAL",
        upload=SimpleUploadedFile("plan.csv", CSV),
    )
    earlier.status = "issued"
    earlier.save()
    later = _open(version, council, assessor)
    response = _by_number(later)[1]
    copy = evidence_for(response).get(kind="file")
    assert copy.file.name == original.file.name and copy.sha256 == original.sha256
    with django_capture_on_commit_callbacks(execute=True):
        services.criterion_evidence_remove(actor=lead, response=response, item=copy)
    assert original.file.storage.exists(original.file.name)


def test_the_number_of_queries_does_not_grow_with_the_criteria(council, lead, assessor):
    counts = []
    for size, before, after in ((2, "2020/21", "2021/22"), (8, "2022/23", "2023/24")):
        version = scored_version(criteria=size)
        _last_year(version, council, lead, assessor, period=before)
        with CaptureQueriesContext(connection) as queries:
            later = _open(version, council, assessor, period=after)
        assert later.responses.filter(carried_forward=True).count() == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_council_self_assessment_carries_from_its_own_earlier_one(council, lead):
    version = rag_version(criteria=2)
    earlier = open_own(lead, council, version=version, period="2023/24")
    complete_self_assessment(earlier, lead, levels=[2, 3])
    later = services.own_self_assessment_start(
        actor=lead,
        organisation=council,
        framework_version=version,
        period="2024/25",
        carry_forward=True,
    )
    assert later.carried_from_id == earlier.pk
    first = later.responses.order_by("criterion__number").first()
    assert first.narrative == "How we meet criterion 1." and first.carried_forward
    assert first.task_status == "in_progress" and first.self_level is None
    one = selectors.carried_changes(later, first.criterion_id)
    assert one.was_own and str(one.earlier[0].level) == "Amber"
    assert Assessment.objects.get(pk=later.pk).carried_from_id == earlier.pk
