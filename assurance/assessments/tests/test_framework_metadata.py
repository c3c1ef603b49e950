"""Letter caveats and the council self-assessment flag sit outside a
framework version's content hash: they can be corrected on a version in use
(here, used by an assessment), while any other change is still refused."""

import copy

import pytest

from assurance.frameworks.models import FrameworkVersion
from assurance.frameworks.tests.factories import framework_doc, load_docs, load_version

from .factories import open_assessment

pytestmark = pytest.mark.django_db


def test_caveats_change_on_a_version_in_use_but_nothing_else(council, assessor):
    doc = framework_doc(slug="metadata-test")
    doc["letter"] = {"caveats": ["First wording."]}
    version = load_version(doc)
    open_assessment(assessor=assessor, version=version, organisation=council)
    changed = copy.deepcopy(doc)
    changed["letter"] = {"caveats": ["Better wording."]}
    changed["council_self_assessment"] = True
    assert load_docs(changed).ok
    version = FrameworkVersion.objects.get(pk=version.pk)
    assert version.letter_caveats == ["Better wording."]
    assert version.allows_council_self_assessment
    assert version.history.count() >= 2
    retitled = copy.deepcopy(changed)
    retitled["version_title"] = "Something else"
    result = load_docs(retitled)
    assert not result.ok and "already used" in " ".join(result.messages())
