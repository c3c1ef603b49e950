"""Delivery records for tests: one of each kind for a council."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from assurance.delivery import models as m


@dataclass
class Records:
    body: m.GovernanceBody
    meeting: m.Meeting
    plan: m.PartnershipPlan
    action: m.PlanAction
    risk: m.Risk
    panel: m.ChannelPanel
    quarter: m.ChannelQuarter
    referral: m.ReferralFigure
    training: m.TrainingCohort
    policy: m.Policy
    engagement: m.EngagementActivity

    def of(self, slug: str):
        return {
            "bodies": self.body,
            "meetings": self.meeting,
            "plans": self.plan,
            "actions": self.action,
            "risks": self.risk,
            "channel": self.panel,
            "channel-quarters": self.quarter,
            "referrals": self.referral,
            "training": self.training,
            "policies": self.policy,
            "engagement": self.engagement,
        }[slug]


def records_for(organisation, *, today: date | None = None) -> Records:
    today = today or timezone.localdate()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    body = m.GovernanceBody.objects.create(
        organisation=organisation,
        name=f"{organisation.name} board",
        kind="strategic_board",
        chair_role="Chief Executive",
        cadence_months=3,
    )
    meeting = m.Meeting.objects.create(
        body=body,
        meeting_on=ago(30),
        status="held",
        sectors_attending=["police"],
        plan_reviewed=True,
    )
    plan = m.PartnershipPlan.objects.create(
        organisation=organisation,
        title="Action plan",
        version_label="v1",
        approved_on=ago(60),
        board=body,
        review_cadence_months=6,
    )
    risk = m.Risk.objects.create(
        organisation=organisation,
        title="A local risk",
        source="CTLP",
        rating="high",
        last_reviewed_on=ago(20),
    )
    action = m.PlanAction.objects.create(
        plan=plan,
        reference="A1",
        title="Do a thing",
        owner="Prevent lead",
        start_on=ago(50),
        due_on=today + timedelta(days=60),
        status="in_progress",
    )
    action.risks.set([risk])
    panel_body = m.GovernanceBody.objects.create(
        organisation=organisation,
        name=f"{organisation.name} panel",
        kind="channel",
        chair_role="Head of Service",
        cadence_months=1,
    )
    m.Meeting.objects.create(body=panel_body, meeting_on=ago(10), status="held")
    panel = m.ChannelPanel.objects.create(
        organisation=organisation,
        body=panel_body,
        chair_role="Head of Service",
        chair_trained=True,
        terms_reviewed_on=ago(100),
        statement_submitted_on=ago(100),
    )
    from assurance.delivery.rules import period_for, quarter_of

    quarter = m.ChannelQuarter.objects.create(
        panel=panel, period=period_for(today), quarter=quarter_of(today), discussed=3, adopted=2
    )
    referral = m.ReferralFigure.objects.create(
        organisation=organisation,
        period=period_for(today),
        quarter=quarter_of(today),
        sector="education",
        count=3,
    )
    training = m.TrainingCohort.objects.create(
        organisation=organisation,
        name="All staff",
        mode="e_learning",
        mandated=True,
        cohort_size=100,
        trained=95,
        as_at=ago(5),
    )
    policy = m.Policy.objects.create(
        organisation=organisation,
        kind="venue_lettings",
        title="Lettings policy",
        owner="Property",
        last_reviewed_on=ago(100),
        next_review_on=today + timedelta(days=200),
    )
    engagement = m.EngagementActivity.objects.create(
        organisation=organisation,
        title="Conference",
        kind="event",
        held_on=ago(40),
        audience_type="professionals",
        attendance=95,
        feedback_responses=50,
        feedback_positive_percent=93,
    )
    return Records(
        body, meeting, plan, action, risk, panel, quarter, referral, training, policy, engagement
    )
