"""A council's own self-assessment: start, complete, sign off, export; never
issued; usable as the proposal when an assessor opens an assessment."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.assessments import own_export, selectors, services
from assurance.assessments.rules import Status

from .factories import (
    complete_self_assessment,
    open_assessment,
    open_own,
    rag_version,
    scored_version,
    submit,
)

pytestmark = pytest.mark.django_db


def test_a_lead_starts_completes_and_signs_off(council, lead):
    own = open_own(lead, council)
    assert own.council_owned and own.assessor is None
    with pytest.raises(ValidationError, match="not completed"):
        services.own_self_assessment_sign_off(actor=lead, assessment=own)
    complete_self_assessment(own, lead, levels=[3, 3, 2])
    signed = services.own_self_assessment_sign_off(actor=lead, assessment=own)
    assert signed.status == Status.SIGNED_OFF and signed.signed_off_by == lead


def test_only_frameworks_that_allow_it_and_only_the_lead(council, lead, viewer, other_lead):
    not_allowed = scored_version(criteria=1)
    with pytest.raises(ValidationError, match="councils may self-assess"):
        open_own(lead, council, version=not_allowed)
    for someone in (viewer, other_lead):
        with pytest.raises(PermissionDenied):
            open_own(someone, council)


def test_it_is_never_submitted_scored_or_issued(council, lead, assessor):
    own = open_own(lead, council)
    complete_self_assessment(own, lead, levels=[3, 3, 3])
    with pytest.raises(ValidationError, match="never issued"):
        services.self_assessment_submit(actor=lead, assessment=own)
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.recommendation_add(actor=assessor, assessment=own, text="No.")


def test_exports_count_ratings_and_list_narratives_and_evidence(council, lead):
    own = open_own(lead, council, version=rag_version(criteria=10))
    complete_self_assessment(own, lead, levels=[3] * 7 + [2] * 3)
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    own.refresh_from_db()
    export = own_export.build(own, selectors.responses_with_evidence(own), selectors.scale(own))
    assert export.counts == "7 Green, 3 Amber"
    assert export.file_stem == "self-assessment-ourshire-council-2023-24"
    pdf = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(own_export.render_pdf(export))).pages
    )
    docx = "\n".join(
        p.text for p in Document(io.BytesIO(own_export.render_docx(export))).paragraphs
    )
    sheet = load_workbook(io.BytesIO(own_export.render_xlsx(export))).active
    assert "7 Green, 3 Amber" in pdf and "7 Green, 3 Amber" in docx
    assert sheet["C2"].value == "Green" and sheet.max_row == 11
    assert "Signed off by" in pdf


def test_an_assessor_starts_from_the_councils_signed_off_proposal(council, lead, assessor):
    version = rag_version()
    own = open_own(lead, council, version=version, period="2021/22")
    complete_self_assessment(own, lead, levels=[1, 2, 3])
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    assessment = services.assessment_open(
        actor=assessor,
        framework_version=version,
        period="2021/22",
        due_date=own.due_date,
        organisation=council,
        from_council_self_assessment=True,
    )
    levels = [r.self_level.label for r in assessment.responses.order_by("criterion__number")]
    assert levels == ["Red", "Amber", "Green"] and assessment.proposal_from == own
    assert not assessment.council_owned and assessment.status == Status.SELF_ASSESSMENT


def test_no_proposal_to_start_from_is_refused(council, lead, assessor):
    with pytest.raises(ValidationError, match="no signed-off"):
        services.assessment_open(
            actor=assessor,
            framework_version=rag_version(),
            period="2021/22",
            due_date=date(2022, 4, 30),
            organisation=council,
            from_council_self_assessment=True,
        )


def test_the_assessor_is_told_by_email_only_when_it_was_sent(
    council, lead, assessor, version, settings
):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submitted = submit(assessment, lead)
    assert mail.outbox[-1].to == [assessor.email]
    assert submitted.assessor_notified_at is not None


def test_a_failed_email_is_not_claimed(council, lead, assessor, version, monkeypatch):
    from assurance.assessments.services import self_assessment

    def refuse(*args, **kwargs):
        raise OSError("no mail server")

    monkeypatch.setattr(self_assessment, "send_mail", refuse)
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    assert submit(assessment, lead).assessor_notified_at is None


def test_the_proposals_evidence_comes_with_it_and_stays_with_the_council(council, lead, assessor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    version = rag_version()
    own = open_own(lead, council, version=version, period="2021/22")
    first, second, _ = own.responses.order_by("criterion__number")
    services.criterion_evidence_link_add(
        actor=lead,
        response=first,
        title="Partnership board minutes",
        evidence_date=date(2021, 11, 3),
        marking="OFFICIAL",
        url="https://intranet.ourshire.example/board",
    )
    uploaded = services.criterion_evidence_file_add(
        actor=lead,
        response=second,
        title="Referral figures",
        evidence_date=date(2022, 1, 10),
        marking="OFFICIAL",
        upload=SimpleUploadedFile("figures.csv", b"quarter,count\nQ1,4\n"),
    )
    complete_self_assessment(own, lead, levels=[1, 2, 3])
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    assessment = services.assessment_open(
        actor=assessor,
        framework_version=version,
        period="2021/22",
        due_date=own.due_date,
        organisation=council,
        from_council_self_assessment=True,
    )
    by_number = {r.criterion.number: r for r in selectors.responses_with_evidence(assessment)}
    one, two, three = (by_number[n] for n in sorted(by_number))
    assert [(e.title, e.url) for e in one.evidence.all()] == [
        ("Partnership board minutes", "https://intranet.ourshire.example/board")
    ]
    [copied] = two.evidence.all()
    assert copied.pk != uploaded.pk and copied.title == "Referral figures"
    assert copied.file.name == uploaded.file.name and copied.sha256 == uploaded.sha256
    assert copied.original_filename == "figures.csv"
    assert not three.evidence.exists()
    # The council's own record keeps its evidence, and removing the copy from
    # the assessment leaves the stored file for the self-assessment.
    assert own.responses.get(pk=second.pk).evidence.get() == uploaded
    services.criterion_evidence_remove(actor=lead, response=two, item=copied)
    uploaded.refresh_from_db()
    assert uploaded.file.storage.exists(uploaded.file.name)
    assert uploaded.file.read() == b"quarter,count\nQ1,4\n"
