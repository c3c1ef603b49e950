# ruff: noqa: E501 - the demo is prose; long lines keep each recommendation readable
"""Demo register, written in our own words for fictional councils:

- a scrutiny review of Prevent at the London Borough of Eastwick, tracked to
  the end (16 recommendations: accepted, partially accepted and rejected,
  leads, progress, completion) and ready to be closed;
- Eastwick's response to a Home Office peer review, the matrix a council
  sends back after cabinet endorses it;
- an internal audit at Ashdown County Council, still open, with one milestone
  overdue and one due soon, so the main demo lead has work in the register.

Safe to re-run: a source that exists is left as it is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from assurance.accounts.models import User
from assurance.organisations.models import Organisation

from .models import (
    ProgressEntry,
    Recommendation,
    RecommendationSource,
    Response,
    SourceKind,
    Status,
)

A, P, R = Response.ACCEPTED, Response.PARTIALLY_ACCEPTED, Response.REJECTED
DONE, SUPERSEDED, NOT_STARTED, IN_PROGRESS = (
    Status.COMPLETED,
    Status.SUPERSEDED,
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
)

# number, theme, text, response, reason, lead, milestone, status, completed, progress
SCRUTINY = [
    (
        1,
        "Working with faith and community groups",
        "Add to the Prevent delivery plan specific actions that keep up the better relationships built with the borough's places of worship.",
        A,
        "",
        "Prevent Coordinator / Borough Police Prevent Lead",
        date(2024, 9, 30),
        DONE,
        date(2024, 9, 12),
        "The refreshed delivery plan now carries three actions on faith-sector engagement, each with a named owner.",
    ),
    (
        2,
        "Working with faith and community groups",
        "Promote the community resources produced by earlier Prevent-funded projects so that groups across the borough can use them.",
        P,
        "We will promote the trained community facilitators and the schools toolkit through partners, but there is no budget to reprint or extend the older resources.",
        "Prevent Coordinator",
        date(2024, 12, 31),
        DONE,
        date(2024, 11, 28),
        "Resources are listed on the partnership web page; two community facilitator sessions ran in the autumn.",
    ),
    (
        3,
        "Understanding what draws people into terrorism",
        "Agree with partners how existing training and project learning can improve staff understanding of the factors that make people vulnerable to radicalisation.",
        A,
        "",
        "Borough Police Prevent Lead / Prevent Coordinator",
        date(2024, 10, 31),
        DONE,
        date(2024, 10, 15),
        "Mandatory e-learning launched for all council staff; targeted sessions agreed for housing, adult social care and youth services.",
    ),
    (
        4,
        "Understanding what draws people into terrorism",
        "Brief every councillor on Prevent, the local picture and how to raise a concern, and make this part of the yearly councillor induction.",
        A,
        "",
        "Director of Community Safety",
        date(2025, 5, 31),
        DONE,
        date(2025, 5, 20),
        "Prevent is in the councillor induction programme; 41 councillors attended briefings and the rest received a written note.",
    ),
    (
        5,
        "Understanding what draws people into terrorism",
        "Send the review's draft findings to the Mayor's Office for Policing and invite a response on planned actions.",
        A,
        "",
        "Director of Community Safety",
        date(2024, 6, 30),
        DONE,
        date(2024, 5, 2),
        "Final report sent; the reply was reported to the panel in June.",
    ),
    (
        6,
        "A risk-based action plan",
        "Ask the Community Safety Partnership to produce a separate action plan on the quality of referral data.",
        R,
        "A separate plan would duplicate work already under way: the new single referral form and the training programme address data quality directly, and progress is reported to the partnership board each quarter.",
        "Community Safety Partnership",
        None,
        NOT_STARTED,
        None,
        "Referral form and guidance re-issued to all partners; data quality is now a standing item on the board agenda.",
    ),
    (
        7,
        "A risk-based action plan",
        "Invite the leads of Prevent-funded projects to contribute ideas to the refreshed delivery plan.",
        A,
        "",
        "Prevent Coordinator",
        date(2024, 7, 31),
        DONE,
        date(2024, 7, 19),
        "Six project leads attended a planning workshop and their proposals are in the refreshed plan.",
    ),
    (
        8,
        "A risk-based action plan",
        "Report on the work of the further and higher education Prevent coordinator and how colleges and the university work with partners.",
        A,
        "",
        "Further and Higher Education Prevent Coordinator",
        date(2024, 11, 30),
        DONE,
        date(2024, 11, 6),
        "Briefing given to the panel; the college and the university both report staff training above 90%.",
    ),
    (
        9,
        "A risk-based action plan",
        "Share information on a need-to-share basis where appropriate, rather than need-to-know.",
        P,
        "Partners on the Channel panel already share what they need to assess risk, and the local profile is briefed widely; personal information will still be shared only where the law allows.",
        "Prevent Coordinator",
        date(2025, 1, 31),
        DONE,
        date(2025, 1, 24),
        "Wider partner attendance at the annual local profile briefing; an information-sharing agreement was refreshed.",
    ),
    (
        10,
        "Oversight and schools",
        "Ask the headteachers' forum to encourage schools to reflect Prevent in their safeguarding arrangements.",
        A,
        "",
        "Prevent Coordinator / Education Safeguarding Lead",
        date(2024, 9, 30),
        DONE,
        date(2024, 9, 18),
        "Presented to the headteachers' forum; a model safeguarding policy paragraph was circulated to every school.",
    ),
    (
        11,
        "Oversight and schools",
        "Extend the delivery plan to include Prevent projects in primary schools.",
        R,
        "Citizenship and cohesion work suits this age group better, and the local risk does not justify targeted Prevent projects in primary schools. Primary staff are still trained through the safeguarding programme.",
        "Education Safeguarding Lead",
        None,
        NOT_STARTED,
        None,
        "Primary school staff were included in the safeguarding training offer from April.",
    ),
    (
        12,
        "Oversight and schools",
        "Hold informal talks with headteachers about their concerns over inviting Prevent projects into schools.",
        A,
        "",
        "Borough Police Prevent Lead / Prevent Coordinator",
        date(2024, 8, 31),
        DONE,
        date(2024, 7, 10),
        "Two round-table sessions held; concerns and answers published in the schools bulletin.",
    ),
    (
        13,
        "Oversight and schools",
        "Report at the end of the year on work with schools.",
        A,
        "",
        "Prevent Coordinator",
        date(2025, 3, 31),
        DONE,
        date(2025, 3, 13),
        "Year-end report presented to the panel in March.",
    ),
    (
        14,
        "Oversight and schools",
        "Report on progress in persuading partner agencies to redirect mainstream resources to Prevent.",
        A,
        "",
        "Prevent Coordinator",
        date(2025, 3, 31),
        SUPERSEDED,
        None,
        "Overtaken by the statutory duty: each specified authority now plans its own Prevent resources, overseen by the partnership board.",
    ),
    (
        15,
        "Oversight and schools",
        "Brief councillors in wards named in the local risk profile on the issues that affect them, taking care over the profile's sensitivity.",
        A,
        "",
        "Director of Community Safety",
        date(2024, 11, 30),
        DONE,
        date(2024, 11, 21),
        "Ward councillors briefed in November; the briefing was then offered to all councillors.",
    ),
    (
        16,
        "Oversight and schools",
        "Remind newly elected councillors each year of their part in promoting community cohesion and checking Prevent progress.",
        A,
        "",
        "Director of Community Safety",
        date(2025, 6, 30),
        DONE,
        date(2025, 6, 4),
        "Included in the induction pack; e-learning available to all councillors.",
    ),
]

# number, benchmark title (to link a criterion if the framework is loaded), text, response,
# reason, lead, milestone in days from today (so the demo stays current), status
PEER_REVIEW = [
    (
        1,
        "Risk assessment",
        "Involve a wider range of partners in writing the local risk assessment, including health and probation.",
        A,
        "",
        "Prevent Strategy Manager",
        120,
        IN_PROGRESS,
    ),
    (
        2,
        "Multi-agency partnership board",
        "Give the Prevent partnership board terms of reference that set out how often it reviews the action plan.",
        A,
        "",
        "Head of Community Safety",
        60,
        IN_PROGRESS,
    ),
    (
        3,
        "Prevent partnership plan",
        "Link each action in the partnership plan to a risk in the local assessment.",
        A,
        "",
        "Prevent Coordinator",
        180,
        NOT_STARTED,
    ),
    (
        4,
        "Referral pathway",
        "Publish a single referral pathway for council staff on the intranet.",
        R,
        "This is already in place: the safeguarding referral route on the intranet covers Prevent, and a separate page would confuse staff.",
        "Prevent Coordinator",
        None,
        NOT_STARTED,
    ),
    (
        5,
        "Channel panel",
        "Invite a representative of adult mental health services to every Channel panel.",
        P,
        "Mental health services will attend whenever a case needs them and review the panel list quarterly; standing attendance at every meeting is not practical with current staffing.",
        "Chair of the Channel panel",
        90,
        IN_PROGRESS,
    ),
    (
        6,
        "Training",
        "Record training completion by service so that gaps can be targeted.",
        A,
        "",
        "Learning and Development Manager",
        -14,
        IN_PROGRESS,
    ),
    (
        7,
        "Venue hire and IT policies",
        "Extend the venue-hire checks to community centres run by partners on council land.",
        P,
        "We will offer the checks and guidance to partner-run centres; we cannot require them where the lease does not allow it.",
        "Head of Property Services",
        200,
        NOT_STARTED,
    ),
    (
        8,
        "Communications",
        "Write a communications plan that explains Prevent to residents in plain language.",
        A,
        "",
        "Head of Communications",
        150,
        NOT_STARTED,
    ),
]

AUDIT = [
    (
        1,
        "Governance",
        "Minute the partnership board's quarterly review of the Prevent action plan, including decisions and owners.",
        A,
        "",
        "Head of Community Safety",
        -20,
        IN_PROGRESS,
    ),
    (
        2,
        "Training",
        "Reconcile the training records held by services with the central learning system.",
        A,
        "",
        "Learning and Development Manager",
        10,
        IN_PROGRESS,
    ),
    (
        3,
        "Venue hire",
        "Add the Prevent clause to the standard venue-hire agreement used by libraries.",
        A,
        "",
        "Head of Libraries",
        60,
        NOT_STARTED,
    ),
    (
        4,
        "Information sharing",
        "Review the information-sharing agreement with the district councils.",
        Response.PENDING,
        "",
        "",
        None,
        NOT_STARTED,
    ),
]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _source(organisation, title, **fields) -> tuple[RecommendationSource, bool]:
    return RecommendationSource.objects.get_or_create(
        organisation=organisation, title=title, defaults=fields
    )


def _progress(recommendation, author, entry, on: date, status_to: str) -> None:
    progress = ProgressEntry.objects.create(
        recommendation=recommendation,
        entry=entry,
        author=author,
        status_from=Status.NOT_STARTED,
        status_to=status_to,
    )
    ProgressEntry.objects.filter(pk=progress.pk).update(created_at=_at(on))


def _scrutiny(eastwick: Organisation, author: User | None) -> None:
    source, created = _source(
        eastwick,
        "Prevent scrutiny review 2023/24",
        kind=SourceKind.SCRUTINY_REVIEW,
        made_by="Safer and Stronger Communities Scrutiny Panel",
        made_on=date(2024, 3, 14),
        reference="SSC/2024/07",
    )
    if not created:
        return
    for number, theme, text, response, reason, lead, milestone, status, done_on, note in SCRUTINY:
        item = Recommendation.objects.create(
            source=source,
            number=number,
            theme=theme,
            text=text,
            response=response,
            reason=reason,
            lead=lead,
            milestone=milestone,
            status=status,
            completed_on=done_on,
        )
        if author is not None:
            on = done_on or (milestone or date(2025, 4, 1))
            _progress(item, author, note, on, status)


def _criterion(title: str):
    from assurance.frameworks.models import Criterion

    return (
        Criterion.objects.filter(title__iexact=title)
        .order_by("-framework_version__effective_from")
        .first()
    )


def _peer_review(eastwick: Organisation, author: User | None) -> None:
    today = timezone.localdate()
    source, created = _source(
        eastwick,
        "Home Office Prevent peer review 2025: response",
        kind=SourceKind.PEER_REVIEW,
        made_by="Home Office Prevent peer review team",
        made_on=today - timedelta(days=75),
        reference="Cabinet report, item 11",
    )
    if not created:
        return
    for number, benchmark, text, response, reason, lead, offset, status in PEER_REVIEW:
        milestone = today + timedelta(days=offset) if offset is not None else None
        item = Recommendation.objects.create(
            source=source,
            number=number,
            theme=benchmark,
            criterion=_criterion(benchmark),
            text=text,
            response=response,
            reason=reason,
            lead=lead,
            milestone=milestone,
            status=status,
        )
        if author is not None and status == IN_PROGRESS:
            _progress(
                item,
                author,
                "Work has started; an update will go to the partnership board.",
                today - timedelta(days=20),
                status,
            )


def _audit(ashdown: Organisation, author: User | None) -> None:
    today = timezone.localdate()
    source, created = _source(
        ashdown,
        "Internal audit of Prevent arrangements 2026",
        kind=SourceKind.INTERNAL_AUDIT,
        made_by="Ashdown County Council Internal Audit",
        made_on=today - timedelta(days=120),
        reference="IA-2026-14",
    )
    if not created:
        return
    for number, theme, text, response, reason, lead, offset, status in AUDIT:
        milestone = today + timedelta(days=offset) if offset is not None else None
        item = Recommendation.objects.create(
            source=source,
            number=number,
            theme=theme,
            text=text,
            response=response,
            reason=reason,
            lead=lead,
            milestone=milestone,
            status=status,
        )
        if author is not None and status == IN_PROGRESS:
            _progress(
                item,
                author,
                "Draft prepared and shared with the board secretary.",
                today - timedelta(days=30),
                status,
            )


def seed() -> None:
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=["London Borough of Eastwick", "Ashdown County Council"]
        )
    }
    users = {
        u.email: u
        for u in User.objects.filter(email__in=["lead@eastwick.example", "lead@ashdown.example"])
    }
    if "London Borough of Eastwick" in organisations:
        eastwick = organisations["London Borough of Eastwick"]
        _scrutiny(eastwick, users.get("lead@eastwick.example"))
        _peer_review(eastwick, users.get("lead@eastwick.example"))
    if "Ashdown County Council" in organisations:
        _audit(organisations["Ashdown County Council"], users.get("lead@ashdown.example"))
