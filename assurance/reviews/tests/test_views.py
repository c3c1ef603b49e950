"""Pages: scope, what the host sees when, the evidence lock, query counts."""

import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from assurance.accounts.permissions import Action
from assurance.reviews import services
from assurance.reviews.report.context import build_report_context
from assurance.reviews.report.render import render_docx, render_html, render_pdf
from assurance.reviews.selectors import visible_reviews

from .factories import manager_for, ready_to_issue, set_up


def _session(review, actor, notes="The board rarely meets."):
    session = services.session_add(
        actor=actor,
        review=review,
        title="Leadership",
        held_on=date(2026, 3, 2),
        starts_at="10:00",
        format="in_person",
    )
    services.participant_add(
        actor=actor, session=session, job_title="Prevent lead", agency="Ourshire Council"
    )
    services.session_notes_save(
        actor=actor, session=session, notes=notes, marking="OFFICIAL-SENSITIVE"
    )
    return session


def test_a_peer_sees_only_the_reviews_they_are_on(
    review, team_peer, outsider_peer, other_council, version
):
    elsewhere = set_up(manager=manager_for(other_council), council=other_council, version=version)
    assert list(visible_reviews(team_peer, purpose=Action.VIEW_REVIEW)) == [review]
    assert not visible_reviews(outsider_peer, purpose=Action.VIEW_REVIEW).exists()
    assert elsewhere not in visible_reviews(team_peer, purpose=Action.WORK_ON_REVIEW)


def test_a_peer_reviewer_lands_on_their_reviews(client, review, team_peer):
    client.force_login(team_peer)
    page = client.get("/").content.decode()
    assert "Peer reviews you are on" in page and review.title in page


def test_the_host_reads_the_report_only_once_issued(client, review, manager, lead, team_peer):
    client.force_login(lead)
    assert client.get(reverse("reviews:report", args=[review.pk])).status_code == 404
    ready_to_issue(review, team_peer)
    services.report_issue(actor=manager, review=review)
    page = client.get(reverse("reviews:report", args=[review.pk]))
    assert page.status_code == 200 and "Report progress to a senior board" in page.content.decode()


def test_the_host_never_sees_the_team_notes(client, review, manager, lead, team_peer):
    session = _session(review, team_peer)
    client.force_login(lead)
    assert client.get(reverse("reviews:session", args=[review.pk, session.pk])).status_code == 403
    ready_to_issue(review, team_peer)
    services.report_issue(actor=manager, review=review)
    page = client.get(reverse("reviews:report", args=[review.pk])).content.decode()
    assert "The board rarely meets." not in page
    assert "Prevent lead" in page  # the appendix names roles and agencies


def test_session_page_carries_the_notes_marking(client, review, team_peer):
    session = _session(review, team_peer)
    client.force_login(team_peer)
    page = client.get(reverse("reviews:session", args=[review.pk, session.pk])).content.decode()
    assert "OFFICIAL-SENSITIVE" in page


def test_an_undeclared_peer_is_told_to_declare_before_seeing_evidence(
    client, review, undeclared_peer, lead
):
    response = review.responses.order_by("criterion__number").first()
    response.review = review
    item = services.response_evidence_link_add(
        actor=lead,
        response=response,
        title="Secret plan",
        evidence_date=date(2026, 1, 1),
        marking="OFFICIAL",
        url="https://example.org/plan",
    )
    client.force_login(undeclared_peer)
    url = reverse("reviews:task", args=[review.pk, response.criterion_id])
    page = client.get(url).content.decode()
    assert "Make your conflict-of-interest declaration before you open" in page
    assert "Secret plan" not in page
    assert client.get(reverse("evidence:download", args=[item.pk])).status_code == 404
    services.declaration_make(actor=undeclared_peer, review=review, has_conflict=False)
    assert "Secret plan" in client.get(url).content.decode()


def test_a_finding_without_a_delivery_area_is_refused_on_the_page(client, review, team_peer):
    client.force_login(team_peer)
    criterion = review.framework_version.criteria.first()
    page = client.post(
        reverse("reviews:findings", args=[review.pk]),
        {"kind": "improvement", "text": "Do more.", "criteria": [str(criterion.pk)]},
    )
    assert page.status_code == 200
    assert "Choose the delivery area the finding belongs to." in page.content.decode()


def test_review_list_queries_do_not_grow(client, manager, council, version):
    client.force_login(manager)
    set_up(manager=manager, council=council, version=version, title="First")
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("reviews:list"))
    for n in range(3):
        set_up(manager=manager, council=council, version=version, title=f"More {n}")
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("reviews:list"))
    assert len(more) == len(first)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_report_formats_say_the_same_thing(review, team_peer):
    _session(review, team_peer)
    ready_to_issue(review, team_peer)
    context = build_report_context(review, issued_on=date(2026, 6, 1), version_number=1)
    html = render_html(context)
    pdf = _pdf_text(render_pdf(context)).replace("\n", " ")
    docx = "\n".join(p.text for p in Document(io.BytesIO(render_docx(context))).paragraphs)
    docx += "\n".join(
        cell.text
        for table in Document(io.BytesIO(render_docx(context))).tables
        for row in table.rows
        for cell in row.cells
    )
    for phrase in (
        "Executive summary",
        "First area",  # a delivery area
        "Review manager",
        "Peer",
        "Report progress to a senior board every year.",
        "The contact is visible and trusted.",
        "Appendix: participating agencies",
        "Prevent lead",
    ):
        assert phrase in html and phrase in pdf and phrase in docx, phrase
    assert "OFFICIAL" in pdf and "Page 1 of" in pdf
    assert "Contents" in pdf and "Contents" in docx
    section = Document(io.BytesIO(render_docx(context))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    box = PdfReader(io.BytesIO(render_pdf(context))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_a_peer_reviewer_on_no_team_is_told_so(client, outsider_peer):
    client.force_login(outsider_peer)
    page = client.get("/").content.decode()
    assert "You are not on any review team yet." in page
    assert "You do not have a role" not in page


def _seen_version(page) -> str:
    import re

    found = re.search(r'name="seen_version" value="([^"]*)"', page.content.decode())
    assert found, "the form carries the record's version"
    return found.group(1)


def _two_of_the_team(client, manager, team_peer):
    from django.test import Client

    other = Client()
    client.force_login(team_peer)
    other.force_login(manager)
    return client, other


def test_the_later_of_two_report_text_saves_is_refused(client, review, manager, team_peer):
    mine, theirs = _two_of_the_team(client, manager, team_peer)
    url = reverse("reviews:report_edit", args=[review.pk])
    my_mark, their_mark = _seen_version(mine.get(url)), _seen_version(theirs.get(url))
    text = {"background": "", "next_steps": ""}

    saved = mine.post(url, {**text, "executive_summary": "Strong board.", "seen_version": my_mark})
    assert saved.status_code == 302
    refused = theirs.post(
        url, {**text, "executive_summary": "Weak board.", "seen_version": their_mark}
    )

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "while you were editing" in page and "Weak board." in page
    review.refresh_from_db()
    assert review.executive_summary == "Strong board."
    again = theirs.post(
        url, {**text, "executive_summary": "Weak board.", "seen_version": _seen_version(refused)}
    )
    assert again.status_code == 302


def test_the_later_of_two_session_notes_saves_is_refused(client, review, manager, team_peer):
    session = _session(review, team_peer, notes="First notes.")
    mine, theirs = _two_of_the_team(client, manager, team_peer)
    url = reverse("reviews:session", args=[review.pk, session.pk])
    my_mark, their_mark = _seen_version(mine.get(url)), _seen_version(theirs.get(url))

    saved = mine.post(url, {"notes": "Mine.", "marking": "OFFICIAL", "seen_version": my_mark})
    assert saved.status_code == 302
    refused = theirs.post(
        url, {"notes": "Theirs.", "marking": "OFFICIAL", "seen_version": their_mark}
    )

    assert refused.status_code == 200
    assert "while you were editing" in refused.content.decode()
    session.refresh_from_db()
    assert session.notes == "Mine."


def test_the_later_of_two_stage_updates_is_refused(client, review, manager):
    from django.test import Client

    stage = review.stages.order_by("position").first()
    url = reverse("reviews:stage", args=[review.pk, stage.pk])
    other = Client()
    client.force_login(manager)
    other.force_login(manager)  # the same manager in a second tab
    my_mark, their_mark = _seen_version(client.get(url)), _seen_version(other.get(url))

    saved = client.post(
        url, {"status": "in_progress", "planned_from": "2/3/2026", "seen_version": my_mark}
    )
    assert saved.status_code == 302
    refused = other.post(url, {"status": "not_started", "seen_version": their_mark})

    assert refused.status_code == 200
    assert "while you were editing" in refused.content.decode()
    stage.refresh_from_db()
    assert stage.status == "in_progress" and stage.planned_from == date(2026, 3, 2)
