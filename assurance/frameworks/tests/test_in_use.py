"""A version that records in another app point at is immutable, found
through reverse relations alone: this test adds such an app's model (as the
assessments app will) and watches the version lock."""

import pytest
from django.apps import apps
from django.db import connection, models

from assurance.frameworks.loader import users_of, version_in_use
from assurance.frameworks.models import Criterion, FrameworkVersion

from .factories import framework_doc, load_docs, load_version


@pytest.fixture
def probe_models(transactional_db):
    """Two models in another app: one points at a version, one at a criterion."""

    class ProbeAssessment(models.Model):
        framework_version = models.ForeignKey(
            FrameworkVersion, on_delete=models.PROTECT, related_name="+"
        )

        class Meta:
            app_label = "core"
            verbose_name_plural = "probe assessments"

    class ProbeScore(models.Model):
        criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT)

        class Meta:
            app_label = "core"
            verbose_name_plural = "probe scores"

    with connection.schema_editor() as editor:
        editor.create_model(ProbeAssessment)
        editor.create_model(ProbeScore)
    yield ProbeAssessment, ProbeScore
    with connection.schema_editor() as editor:
        editor.delete_model(ProbeScore)
        editor.delete_model(ProbeAssessment)
    for name in ("probeassessment", "probescore"):
        apps.all_models["core"].pop(name, None)
    apps.clear_cache()


def test_a_version_pointed_at_from_another_app_cannot_change(probe_models):
    ProbeAssessment, _ = probe_models
    doc = framework_doc()
    version = load_version(doc)
    assert not version_in_use(version)
    ProbeAssessment.objects.create(framework_version=version)
    assert users_of(version) == ["probe assessments"]
    doc["criteria"][0]["descriptors"]["3"] = "A quietly changed descriptor."
    result = load_docs(doc)
    assert [(p.path, p.message) for p in result.problems] == [
        (
            "version",
            "version '1' of 'test-framework' is already used by probe assessments, so it "
            "cannot be changed; publish your changes as a new version by giving the file a "
            "new 'version'",
        )
    ]
    assert version.criteria.get(number=1).descriptors.get(level__value=3).text == (
        "Criterion 1 at level 3."
    )
    doc["version"] = "2"
    assert load_docs(doc).ok
    assert FrameworkVersion.objects.count() == 2


def test_use_through_a_criterion_also_locks_the_version(probe_models):
    _, ProbeScore = probe_models
    doc = framework_doc()
    version = load_version(doc)
    ProbeScore.objects.create(criterion=version.criteria.first())
    assert version_in_use(version)
    assert load_docs(doc).ok  # the same file again is still fine
    doc["criteria"][0]["title"] = "Changed"
    assert not load_docs(doc).ok
