"""Forms of the reviews app, in GOV.UK markup. Services do the checking that
needs the database; forms turn text into typed values with plain messages."""

from __future__ import annotations

from django import forms

from assurance.core.concurrency import mark_field
from assurance.core.forms import GovukCheckboxSelectMultiple, GovukForm, GovukRadioSelect
from assurance.core.marking import Marking
from assurance.evidence.forms import DATE_FORMATS

from .rules import FindingKind, ReviewType, SessionFormat, StageStatus, TeamRole


def _date(label: str, required: bool = True, **messages) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text="For example, 14/3/2019.",
        error_messages={
            "required": messages.get("required", f"Enter the {label.lower()}."),
            "invalid": "Enter the date as day/month/year, for example 14/3/2019.",
        },
    )


class ReviewSetUpForm(GovukForm):
    target = forms.ChoiceField(
        label="Host council or partnership",
        error_messages={"required": "Choose the council or partnership being reviewed."},
    )
    framework_version = forms.ChoiceField(
        label="Framework",
        error_messages={"required": "Choose the framework the review uses."},
    )
    review_type = forms.ChoiceField(
        label="Type of review",
        choices=ReviewType.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose the type of review."},
    )
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the review."}
    )
    starts_on = _date("Review starts")
    ends_on = _date("Review ends")
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect(),
    )

    def __init__(self, *args, organisations=(), partnerships=(), versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "Choose a council or partnership")] + [
            ("Councils", [(f"organisation:{o.pk}", o.name) for o in organisations]),
            ("Partnerships", [(f"partnership:{p.pk}", p.name) for p in partnerships]),
        ]
        self.fields["framework_version"].choices = [("", "Choose a framework")] + [
            (str(v.pk), v.title) for v in versions
        ]
        self._targets = {
            **{f"organisation:{o.pk}": ("organisation", o) for o in organisations},
            **{f"partnership:{p.pk}": ("partnership", p) for p in partnerships},
        }
        self._versions = {str(v.pk): v for v in versions}

    def target_kwargs(self) -> dict:
        kind, record = self._targets[self.cleaned_data["target"]]
        return {kind: record}

    def version(self):
        return self._versions[self.cleaned_data["framework_version"]]


class TeamMemberForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="They must already have an account in the service.",
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address like name@council.gov.uk.",
        },
    )
    role = forms.ChoiceField(
        label="Role on the team",
        choices=TeamRole.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose their role on the team."},
    )


class DeclarationForm(GovukForm):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with the host?",
        help_text="For example, you have worked for the host, or you advise it on Prevent.",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=GovukRadioSelect(),
        error_messages={"required": "Say whether you have a conflict of interest."},
    )
    details = forms.CharField(
        label="If yes, describe the conflict",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StageForm(GovukForm):
    seen_version = mark_field()
    planned_from = _date("Planned start", required=False)
    planned_to = _date("Planned end", required=False)
    actual_from = _date("Actual start", required=False)
    actual_to = _date("Actual end", required=False)
    owner = forms.ChoiceField(label="Owner", required=False)
    checks = forms.MultipleChoiceField(
        label="Checklist",
        required=False,
        widget=GovukCheckboxSelectMultiple(),
        help_text="Tick what is done.",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=StageStatus.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose the stage's status."},
    )

    def __init__(self, *args, team=(), checks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "No owner yet")] + [
            (str(m.pk), f"{m.user.full_name} ({m.get_role_display()})") for m in team
        ]
        self.fields["checks"].choices = [(str(c.pk), c.text) for c in checks]
        self._team = {str(m.pk): m for m in team}

    def owner_member(self):
        return self._team.get(self.cleaned_data.get("owner") or "")

    def done_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("checks", [])]


class EnquiryForm(GovukForm):
    question = forms.CharField(
        label="Line of enquiry",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the line of enquiry."},
    )
    criteria = forms.MultipleChoiceField(
        label="Criteria it explores",
        widget=GovukCheckboxSelectMultiple(),
        error_messages={"required": "Choose at least one criterion the line of enquiry explores."},
    )
    evidence = forms.MultipleChoiceField(
        label="Evidence it draws on",
        required=False,
        widget=GovukCheckboxSelectMultiple(),
    )

    def __init__(self, *args, criteria=(), evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = [(str(c.pk), f"{c.number}. {c.title}") for c in criteria]
        self.fields["evidence"].choices = [(str(e.pk), e.title) for e in evidence]
        if not evidence:
            del self.fields["evidence"]
        self._criteria = {str(c.pk): c for c in criteria}
        self._evidence = {str(e.pk): e for e in evidence}

    def chosen_criteria(self):
        return [self._criteria[pk] for pk in self.cleaned_data["criteria"]]

    def chosen_evidence(self):
        return [self._evidence[pk] for pk in self.cleaned_data.get("evidence", [])]


class SessionForm(GovukForm):
    title = forms.CharField(
        label="What the session covers",
        max_length=200,
        error_messages={"required": "Enter what the session is about."},
    )
    held_on = _date("Date")
    starts_at = forms.TimeField(
        label="Start time",
        input_formats=["%H:%M", "%H.%M", "%I:%M%p", "%I%p"],
        help_text="For example, 09:30 or 14:00.",
        error_messages={
            "required": "Enter the time the session starts.",
            "invalid": "Enter the time like 09:30 or 14:00.",
        },
    )
    format = forms.ChoiceField(
        label="Format",
        choices=SessionFormat.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose in person, online or both."},
    )


class ParticipantForm(GovukForm):
    job_title = forms.CharField(
        label="Job title",
        max_length=150,
        help_text="A role, never a person's name. For example, Prevent lead.",
        error_messages={"required": "Enter the job title (not the person's name)."},
    )
    agency = forms.CharField(
        max_length=150,
        help_text="For example, Police Scotland.",
        error_messages={"required": "Enter the agency they represent."},
    )


class NotesForm(GovukForm):
    seen_version = mark_field()
    notes = forms.CharField(
        label="The team's notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Seen only by the review team. Record what was said by role, never by name.",
    )
    marking = forms.ChoiceField(
        label="Marking of the notes",
        choices=Marking.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose OFFICIAL or OFFICIAL-SENSITIVE."},
    )


class FindingForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of finding",
        choices=FindingKind.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose good practice or suggested improvement."},
    )
    group = forms.ChoiceField(label="Delivery area", required=False, widget=GovukRadioSelect())
    criteria = forms.MultipleChoiceField(
        label="Criteria it relates to", required=False, widget=GovukCheckboxSelectMultiple()
    )
    text = forms.CharField(
        label="The finding",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the finding."},
    )

    def __init__(self, *args, groups=(), criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        if groups:
            self.fields["group"].choices = [(str(g.pk), g.title) for g in groups]
        else:
            del self.fields["group"]
        self.fields["criteria"].choices = [(str(c.pk), f"{c.number}. {c.title}") for c in criteria]
        self._groups = {str(g.pk): g for g in groups}
        self._criteria = {str(c.pk): c for c in criteria}

    def chosen_group(self):
        return self._groups.get(self.cleaned_data.get("group") or "")

    def chosen_criteria(self):
        return [self._criteria[pk] for pk in self.cleaned_data.get("criteria", [])]


class ReportTextForm(GovukForm):
    seen_version = mark_field()
    executive_summary = forms.CharField(
        label="Executive summary", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    background = forms.CharField(
        label="Background", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    next_steps = forms.CharField(
        label="Next steps and further support",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class IssueForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReopenForm(GovukForm):
    reason = forms.CharField(
        label="Why are you reopening this report?",
        help_text="This is kept in the review's history.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the issued report is being reopened."},
    )
