"""An issued letter cites the council's delivery records under each criterion,
in the same words in PDF and DOCX, without OFFICIAL-SENSITIVE records or
small referral counts."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from assurance.core.marking import Marking
from assurance.core.registry import letter_evidence_for
from assurance.delivery import models as m

from .factories import issue, open_assessment, scored_version, to_moderated

HEADING = "Records the council keeps"
TRAINING = "Training: Frontline staff 86% of 400 trained"
CHANNEL = "Ourshire referral panel: terms of reference reviewed 3 March 2024"
POLICY = "Lettings policy: last reviewed 1 February 2024"
SENSITIVE = "Recruitment near the college"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    return flat(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs))


@pytest.fixture
def assessment(council, assessor):
    version = scored_version(criteria=3)
    first, second, third = version.criteria.order_by("number")
    first.delivery = {"records": ["training", "referrals"]}
    first.save()
    second.delivery = {"records": ["risks"]}
    second.save()
    third.delivery = {"records": ["channel"]}
    third.save()
    return open_assessment(
        assessor=assessor, version=version, organisation=council, period="2023/24"
    )


@pytest.fixture
def records(council, assessment):
    third = assessment.framework_version.criteria.get(number=3)
    m.TrainingCohort.objects.create(
        organisation=council,
        name="Frontline staff",
        mode="e_learning",
        mandated=True,
        cohort_size=400,
        trained=344,
        as_at=date(2024, 3, 1),
    )
    m.Risk.objects.create(
        organisation=council,
        title=SENSITIVE,
        source="CTLP",
        rating="high",
        last_reviewed_on=date(2023, 9, 1),
    )
    body = m.GovernanceBody.objects.create(
        organisation=council, name="Ourshire referral panel", kind="channel", cadence_months=1
    )
    m.ChannelPanel.objects.create(
        organisation=council,
        body=body,
        chair_role="Head of Service",
        terms_reviewed_on=date(2024, 3, 3),
    )
    policy = m.Policy.objects.create(
        organisation=council,
        kind="venue_lettings",
        title="Lettings policy",
        owner="Property",
        last_reviewed_on=date(2024, 2, 1),
    )
    policy.criteria.add(third)
    for quarter, count in ((1, 3), (2, 12)):
        m.ReferralFigure.objects.create(
            organisation=council, period="2023/24", quarter=quarter, sector="education", count=count
        )


def test_the_issued_letter_cites_records_in_pdf_and_docx(
    assessment, records, lead, assessor, second_assessor
):
    to_moderated(assessment, lead, assessor, second_assessor, levels=[3, 3, 3])
    issue(assessment, assessor)
    letter = assessment.letters.get()
    pdf = pdf_text(letter.pdf.open("rb").read())
    docx = docx_text(letter.docx.open("rb").read())
    for text in (pdf, docx):
        assert TRAINING in text and CHANNEL in text and POLICY in text
        assert "Referrals recorded for 2023/24: total not shown (small numbers)" in text
        # Criterion 2 has only a sensitive record: no heading under it.
        assert text.count(HEADING) == 2
        assert SENSITIVE not in text


def test_an_official_sensitive_record_is_not_cited(assessment, records, council):
    criteria = list(assessment.framework_version.criteria.order_by("number"))
    cited = letter_evidence_for([council.pk], "2023/24", [c.pk for c in criteria])
    assert criteria[1].pk not in cited
    m.Risk.objects.update(marking=Marking.OFFICIAL)
    cited = letter_evidence_for([council.pk], "2023/24", [c.pk for c in criteria])
    assert cited[criteria[1].pk] == (f"Local risk: {SENSITIVE}, reviewed 1 September 2023",)


def test_all_criteria_are_read_in_a_fixed_number_of_queries(records, council):
    version = scored_version(criteria=8)
    version.criteria.update(delivery={"records": ["training", "referrals", "channel"]})
    criteria = [c.pk for c in version.criteria.order_by("number")]
    with CaptureQueriesContext(connection) as two:
        letter_evidence_for([council.pk], "2023/24", criteria[:2])
    with CaptureQueriesContext(connection) as eight:
        cited = letter_evidence_for([council.pk], "2023/24", criteria)
    assert len(eight) == len(two) <= 20
    assert len(cited) == 8 and TRAINING in cited[criteria[7]] and CHANNEL in cited[criteria[7]]
