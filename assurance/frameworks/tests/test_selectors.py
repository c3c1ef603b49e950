import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import user_with_role
from assurance.frameworks import selectors
from assurance.organisations.tests.factories import OrganisationFactory

from .factories import crosswalk_doc, framework_doc, load_crosswalk, load_version, unscored_doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_councils():
    return (
        user_with_role(Role.COUNCIL_VIEWER, OrganisationFactory(name="First Council")),
        user_with_role(Role.COUNCIL_LEAD, OrganisationFactory(name="Second Council")),
    )


def test_every_council_sees_the_same_library(two_councils, shipped_frameworks):
    first, second = two_councils
    titles = [
        [v.title for f in selectors.framework_library(u) for v in f.versions.all()]
        for u in two_councils
    ]
    assert titles[0] == titles[1] and len(titles[0]) == 4
    toolkit = next(
        f
        for f in selectors.framework_library(first)
        if f.slug == "home-office-prevent-duty-toolkit"
    )
    assert toolkit.versions.all()[0].criteria_count == 8


def test_library_needs_view_frameworks(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        selectors.framework_library(AnonymousUser())


def test_rubric_is_read_in_constant_queries(two_councils):
    user = two_councils[0]
    load_version(framework_doc(slug="small", criteria=2))
    load_version(framework_doc(slug="large", criteria=12))
    user.refresh_from_db()
    selectors.get_rubric_for(
        user, "small", "1", purpose=Action.VIEW_FRAMEWORKS
    )  # warm the user's grants
    counts = []
    for slug in ("small", "large"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            rubric = selectors.get_rubric_for(user, slug, "1", purpose=Action.VIEW_FRAMEWORKS)
            texts = [d.text for c in rubric.criteria for d in c.descriptors.all()]
            _ = [d.level.label for c in rubric.criteria for d in c.descriptors.all()]
            _ = [c.group for c in rubric.criteria]
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert len(texts) == 60 and texts[0] == "Criterion 1 at level 1."


def test_rubric_groups_an_unscored_framework(two_councils):
    load_version(unscored_doc(criteria=4))
    rubric = selectors.get_rubric_for(
        two_councils[1], "test-unscored", "1", purpose=Action.VIEW_FRAMEWORKS
    )
    assert [(g.title, [c.number for c in cs]) for g, cs in rubric.groups] == [
        ("First area", [1, 3]),
        ("Second area", [2, 4]),
    ]
    assert rubric.levels == [] and rubric.used_by == []


def test_missing_version_and_crosswalk_are_404(two_councils):
    with pytest.raises(Http404):
        selectors.get_rubric_for(two_councils[0], "nothing", "1", purpose=Action.VIEW_FRAMEWORKS)
    with pytest.raises(Http404):
        selectors.get_crosswalk_for(two_councils[0], "nothing", purpose=Action.VIEW_FRAMEWORKS)


def test_crosswalk_lists_what_is_not_mapped(two_councils):
    source, target = (
        framework_doc(slug="source-framework"),
        framework_doc(slug="target-framework", criteria=4),
    )
    load_version(source), load_version(target)
    mappings = [{"from": "criterion-1", "to": "criterion-2", "relation": "partial"}]
    load_crosswalk(crosswalk_doc(source, target, mappings=mappings))
    view = selectors.get_crosswalk_for(
        two_councils[1], "test-crosswalk", purpose=Action.VIEW_FRAMEWORKS
    )
    assert [
        (m.source_criterion.number, m.relation, m.target_criterion.number) for m in view.mappings
    ] == [(1, "partial", 2)]
    assert [c.number for c in view.unmapped_sources] == [2, 3]
    assert [c.number for c in view.unmapped_targets] == [1, 3, 4]
