"""Framework versions and assessments for tests, built through the same
services the product uses so that each stage is reached honestly."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from assurance.frameworks.models import (
    Criterion,
    Crosswalk,
    CrosswalkMapping,
    Descriptor,
    Framework,
    FrameworkVersion,
    RatingLevel,
)

from .. import services
from ..models import Assessment, IssuedLetter
from ..rules import Status, TaskStatus

_counter = itertools.count(1)
FIVE_BANDS = ("not_met", "not_met", "met", "exceeded", "exceeded")
LABELS = ("1", "2", "3", "4", "5")  # a numeric scale, like the 2021/22 criteria
NAMED = ("Not met", "Met", "Exceeding")  # a named scale, like the toolkit
COLOURS = ("red", "orange", "green", "turquoise", "blue")


def scored_version(
    *,
    criteria: int = 10,
    levels: tuple[int, ...] = (1, 2, 3, 4, 5),
    bands: tuple[str, ...] = FIVE_BANDS,
    meets_duty_from: int = 3,
    assured_separately: tuple[int, ...] = (),
    framework: Framework | None = None,
    version: str | None = None,
    labels: tuple[str, ...] | None = None,
) -> FrameworkVersion:
    n = next(_counter)
    framework = framework or Framework.objects.create(
        slug=f"test-framework-{n}", title=f"Test framework {n}", publisher="Test publisher"
    )
    fv = FrameworkVersion.objects.create(
        framework=framework,
        version=version or f"v{n}",
        title=f"{framework.title} version {version or n}",
        is_scored=True,
        meets_duty_from=meets_duty_from,
        content_hash="0" * 64,
    )
    scale = [
        RatingLevel.objects.create(
            framework_version=fv,
            value=value,
            label=(labels or tuple(str(v) for v in levels))[i],
            band=bands[i],
            colour=COLOURS[i % len(COLOURS)],
        )
        for i, value in enumerate(levels)
    ]
    for number in range(1, criteria + 1):
        criterion = Criterion.objects.create(
            framework_version=fv,
            number=number,
            code=f"c{number}",
            title=f"Criterion title {number}",
            statement=f"Statement of criterion {number}.",
            assured_separately=number in assured_separately,
        )
        Descriptor.objects.bulk_create(
            Descriptor(criterion=criterion, level=level, text=f"C{number} at level {level.value}.")
            for level in scale
        )
    return fv


def crosswalk(
    source: FrameworkVersion, target: FrameworkVersion, pairs: dict[int, int]
) -> Crosswalk:
    """pairs: source criterion number → target criterion number."""
    walk = Crosswalk.objects.create(
        slug=f"walk-{source.pk}-{target.pk}",
        title="Test crosswalk",
        source_version=source,
        target_version=target,
        content_hash="0" * 64,
    )
    for s, t in pairs.items():
        CrosswalkMapping.objects.create(
            crosswalk=walk,
            source_criterion=source.criteria.get(number=s),
            target_criterion=target.criteria.get(number=t),
            relation="equivalent",
        )
    return walk


def level(version: FrameworkVersion, value: int) -> RatingLevel:
    return RatingLevel.objects.get(framework_version=version, value=value)


def open_assessment(*, assessor, version, organisation=None, partnership=None, period="2021/22"):
    return services.assessment_open(
        actor=assessor,
        framework_version=version,
        period=period,
        due_date=date(2022, 4, 30),
        organisation=organisation,
        partnership=partnership,
    )


def complete_self_assessment(assessment: Assessment, lead, levels=None) -> Assessment:
    version = assessment.framework_version
    for i, response in enumerate(
        assessment.responses.select_related("criterion").order_by("criterion__number")
    ):
        value = levels[i] if levels else 3
        services.criterion_response_save(
            actor=lead,
            response=response,
            expected_version=response.version,
            narrative=f"How we meet criterion {response.criterion.number}.",
            self_level=level(version, value),
            task_status=TaskStatus.COMPLETED,
        )
    return assessment


def submit(assessment, lead):
    return services.self_assessment_submit(actor=lead, assessment=assessment)


def score_all(assessment: Assessment, assessor, levels=None) -> Assessment:
    version = assessment.framework_version
    for i, response in enumerate(
        assessment.responses.select_related("criterion").order_by("criterion__number")
    ):
        value = levels[i] if levels else 3
        services.criterion_score_save(
            actor=assessor,
            response=response,
            expected_version=response.version,
            level=level(version, value),
            good_practice=f"Good practice on criterion {response.criterion.number}.",
            areas_for_development=f"To develop on criterion {response.criterion.number}.",
            rationale=f"Matches the level {value} descriptor.",
        )
    services.assessment_summary_save(
        actor=assessor,
        assessment=assessment,
        summary="Overall, sound delivery.",
        expected_version=None,
    )
    return Assessment.objects.get(pk=assessment.pk)


def to_awaiting_moderation(assessment, lead, assessor, levels=None):
    complete_self_assessment(assessment, lead, levels)
    submit(assessment, lead)
    score_all(assessment, assessor, levels)
    return services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)


def to_moderated(assessment, lead, assessor, moderator, levels=None):
    to_awaiting_moderation(assessment, lead, assessor, levels)
    return services.moderation_agree(actor=moderator, assessment=assessment)


def record_as_issued(
    assessment: Assessment, actor, *, pdf: bytes = b"%PDF-1.4 stored letter"
) -> IssuedLetter:
    """A quick issued state for access tests, without rendering a real letter."""
    assessment.status = Status.ISSUED
    assessment.issued_by, assessment.issued_at = actor, timezone.now()
    assessment.save()
    docx = b"PK\x03\x04 stored docx"
    letter = IssuedLetter(
        assessment=assessment,
        version_number=1,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        issued_by=actor,
        issued_at=timezone.now(),
    )
    letter.pdf.save("t.pdf", ContentFile(pdf), save=False)
    letter.docx.save("t.docx", ContentFile(docx), save=False)
    letter.save()
    return letter


def letter_input(**overrides) -> services.LetterInput:
    """Fictional details, as a real letter would carry them."""
    values = {
        "letter_date": timezone.localdate(),
        "addressee_name": "Priya Lakeman",
        "addressee_job_title": "Director of Communities",
        "addressee_address": "County Hall\nHigh Street\nOurtown OU1 1AA",
        "salutation": "Dear Ms Lakeman",
        "signatory_name": "Tom Ferris",
        "signatory_job_title": "Regional Prevent Adviser",
        "signatory_region": "South West",
        "signatory_contact": "tom.ferris@example.gov.uk\n020 7946 0000",
        "cc": "Chief Executive",
    }
    return services.LetterInput(**{**values, **overrides})


def issue(assessment: Assessment, actor, **overrides) -> IssuedLetter:
    """Issue through the service, giving the assessing body an address if it has none."""
    body = assessment.assessing_body
    if body is not None and not body.postal_address:
        body.postal_address = "2 Marsham Street\nLondon SW1P 4DF"
        body.save()
    return services.assessment_issue(
        actor=actor, assessment=assessment, letter=letter_input(**overrides)
    )


def rag_version(criteria: int = 3) -> FrameworkVersion:
    """A red, amber, green scale that councils may self-assess against."""
    version = scored_version(
        criteria=criteria,
        levels=(1, 2, 3),
        bands=("not_met", "partially_met", "met"),
        labels=("Red", "Amber", "Green"),
    )
    version.allows_council_self_assessment = True
    version.save()
    return version


def open_own(lead, council, *, version=None, period="2023/24") -> Assessment:
    return services.own_self_assessment_start(
        actor=lead, organisation=council, framework_version=version or rag_version(), period=period
    )
