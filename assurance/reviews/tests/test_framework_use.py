"""Frameworks say which nations they apply to and whether they may be used
for peer review; the fields are metadata, settable on a version in use."""

import pytest
from django.core.exceptions import ValidationError

from assurance.assessments.tests.factories import open_assessment
from assurance.frameworks.models import FrameworkVersion
from assurance.frameworks.rules import use_problem
from assurance.frameworks.tests.factories import load_docs, unscored_doc


def test_use_problem_names_the_nations():
    problem = use_problem(
        title="F",
        nations=["scotland"],
        for_assessment=False,
        for_peer_review=True,
        use="peer_review",
        nation="wales",
    )
    assert problem == (
        "F applies only to councils in Scotland. Choose a framework for this council's nation."
    )
    assert (
        use_problem(
            title="F",
            nations=[],
            for_assessment=True,
            for_peer_review=False,
            use="peer_review",
            nation="wales",
        )
        == "F cannot be used for a peer review. Choose another framework."
    )


def test_a_peer_review_framework_cannot_open_an_annual_assessment(council, manager, version):
    with pytest.raises(ValidationError, match="cannot be used for an annual assessment"):
        open_assessment(assessor=manager, version=version, organisation=council)


def test_metadata_is_applied_to_a_version_in_use(review, manager):
    doc = unscored_doc(slug="test-peer-review")
    doc.update({"uses": ["peer_review"], "nations": ["scotland", "wales"]})
    result = load_docs(doc)
    assert result.ok, result.messages()
    version = FrameworkVersion.objects.get(pk=review.framework_version_id)
    assert version.nations == ["scotland", "wales"] and version.for_peer_review
    assert version.history.first().history_change_reason.startswith("Loaded from")


def test_a_content_change_to_a_version_in_use_is_still_refused(review):
    doc = unscored_doc(slug="test-peer-review")
    doc["uses"] = ["peer_review"]
    doc["criteria"][0]["title"] = "Changed"
    assert not load_docs(doc).ok


def test_shipped_frameworks_declare_their_use(db):
    from assurance.frameworks.loader import load_shipped

    load_shipped()
    scottish = FrameworkVersion.objects.get(framework__slug="scottish-prevent-peer-review")
    assert scottish.nations == ["scotland"] and scottish.for_peer_review
    assert not scottish.for_assessment
