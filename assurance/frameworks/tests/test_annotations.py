"""Delivery annotations on a criterion are outside the content hash: they can
be added to, or changed in, a version already in use, without a new version."""

from assurance.delivery.models import TrainingCohort
from assurance.frameworks.loader import version_in_use
from assurance.frameworks.loader.parse import canonical_hash
from assurance.organisations.tests.factories import OrganisationFactory

from .factories import framework_doc, load_docs, load_version


def test_annotations_do_not_change_the_hash():
    doc = framework_doc()
    annotated = framework_doc()
    annotated["criteria"][0]["delivery"] = {"records": ["training"], "mandated_coverage": 90}
    from assurance.frameworks.loader.parse import _scored

    assert canonical_hash(_scored(doc)) == canonical_hash(_scored(annotated))


def test_annotations_load_into_a_version_in_use(db):
    doc = framework_doc()
    version = load_version(doc)
    criterion = version.criteria.order_by("number").first()
    cohort = TrainingCohort.objects.create(
        organisation=OrganisationFactory(),
        name="All staff",
        mode="e_learning",
        cohort_size=10,
        trained=5,
        as_at="2025-01-01",
    )
    cohort.criteria.add(criterion)
    assert version_in_use(version)
    doc["criteria"][0]["delivery"] = {"records": ["training"], "mandated_coverage": 90}
    result = load_docs(doc)
    assert not result.problems
    criterion.refresh_from_db()
    assert criterion.delivery == {"records": ["training"], "mandated_coverage": 90}
    # A change to what is scored is still refused.
    doc["criteria"][0]["title"] = "A changed title"
    assert load_docs(doc).problems


def test_an_unknown_record_kind_is_refused(db):
    doc = framework_doc()
    doc["criteria"][0]["delivery"] = {"records": ["gossip"]}
    assert load_docs(doc).problems
