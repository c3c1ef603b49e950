"""A letter is issued, and opens, whatever control characters were stored
(no NUL: PostgreSQL cannot store one, and forms drop it)."""

import io

import pytest
from docx import Document

from assurance.assessments.models import Assessment

from .factories import issue, open_assessment, scored_version, to_moderated

NASTY = "Sound\x01 delivery\x0b and\x1b good\ufffe practice\uffff."


@pytest.mark.django_db
def test_issue_with_stored_control_characters(council, lead, assessor, second_assessor):
    assessment = open_assessment(
        assessor=assessor, version=scored_version(criteria=3), organisation=council
    )
    to_moderated(assessment, lead, assessor, second_assessor, levels=[3, 4, 2])
    Assessment.objects.filter(pk=assessment.pk).update(summary=NASTY)
    assessment.refresh_from_db()
    issue(assessment, assessor)
    letter = assessment.letters.get()
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.docx.open("rb").read())).paragraphs)
    assert "Sound delivery and good practice." in text
    assert letter.pdf.open("rb").read().startswith(b"%PDF")
