"""Forms for each stage. Levels are offered only from the assessment's own
scale, with each level's descriptor shown as the option's hint."""

from __future__ import annotations

from django import forms

from assurance.evidence.forms import DATE_FORMATS
from assurance.evidence.models import Marking
from assurance.frameworks.models import FrameworkVersion
from assurance.selfassessment.forms import (  # noqa: F401 (shared)
    LevelField,
    SelfAssessmentForm,
    level_by_value,
)
from assurance.ui.forms import GovukForm, GovukRadioSelect

CARRY_CHOICES = [
    # "year", not "period": the page's Period field must keep a label of its own.
    ("yes", "Carry forward last year's narratives and evidence as a starting draft"),
    ("no", "Start blank"),
]


def carry_forward_field(help_text: str) -> forms.TypedChoiceField:
    """The next-cycle choice; carrying forward is the default (services.carrying)."""
    return forms.TypedChoiceField(
        label="Last year's self-assessment",
        choices=CARRY_CHOICES,
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=GovukRadioSelect(),
        help_text=help_text,
        error_messages={"required": "Choose whether to carry forward last period or start blank."},
    )


class AssessmentOpenForm(GovukForm):
    target = forms.ChoiceField(
        label="Council or partnership",
        error_messages={"required": "Choose the council or partnership to assess."},
    )
    framework_version = forms.ModelChoiceField(
        label="Framework",
        queryset=FrameworkVersion.objects.select_related("framework")
        .filter(criteria__isnull=False)
        .distinct(),
        empty_label="Choose a framework",
        error_messages={"required": "Choose the framework to assess against."},
    )
    period = forms.CharField(
        label="Period",
        max_length=7,
        help_text="The reporting year, for example 2021/22.",
        error_messages={"required": "Enter the period, for example 2021/22."},
    )
    due_date = forms.DateField(
        label="Self-assessment due",
        input_formats=DATE_FORMATS,
        help_text="For example, 30/4/2022.",
        error_messages={
            "required": "Enter the date the self-assessment is due.",
            "invalid": "Enter the date as day/month/year, for example 30/4/2022.",
        },
    )
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect(),
    )
    from_council_self_assessment = forms.BooleanField(
        label="Start from the council's own signed-off self-assessment",
        required=False,
        help_text="Its narratives and ratings become the council's proposal, "
        "if it has one against this framework for this period.",
    )
    carry_forward = carry_forward_field(
        "Each carried narrative and piece of evidence is marked for the council to confirm "
        "or update; no task starts completed. Nothing is carried if there is no earlier "
        "issued assessment, or if you start from the council's own self-assessment."
    )

    def __init__(self, *args, organisations=(), partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "Choose a council or partnership")] + [
            ("Councils", [(f"organisation:{o.pk}", o.name) for o in organisations]),
            ("Partnerships", [(f"partnership:{p.pk}", p.name) for p in partnerships]),
        ]
        self.fields["framework_version"].label_from_instance = lambda version: version.title
        self._targets = {
            **{f"organisation:{o.pk}": ("organisation", o) for o in organisations},
            **{f"partnership:{p.pk}": ("partnership", p) for p in partnerships},
        }

    def target_kwargs(self) -> dict:
        kind, record = self._targets[self.cleaned_data["target"]]
        return {kind: record}


class ScoreForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    good_practice = forms.CharField(
        label="Good practice", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    areas_for_development = forms.CharField(
        label="Areas for development", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        help_text="Name the descriptor the evidence matches and say why.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = forms.CharField(
        label="Reason for changing the level (if you changed it)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, levels=(), descriptors=(), required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = list(levels)
        self.fields["level"] = LevelField(
            levels=self.levels, descriptors=descriptors, required=required
        )
        self.order_fields(
            ["version", "level", "rationale", "good_practice", "areas_for_development", "reason"]
        )

    def level(self):
        return level_by_value(self.levels, self.cleaned_data.get("level"))


class SummaryForm(GovukForm):
    """Posted with the new-recommendation form as one form: either button saves both."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    summary = forms.CharField(
        label="Overall summary", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class RecommendationForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the recommendation."},
    )
    criterion = forms.TypedChoiceField(label="About", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, criteria=(), required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = required
        self.criteria = {c.pk: c for c in criteria}
        self.fields["criterion"].choices = [("", "General")] + [
            (c.pk, f"{c.number}. {c.title}") for c in criteria
        ]

    def chosen_criterion(self):
        return self.criteria.get(self.cleaned_data.get("criterion"))


class ModerationForm(GovukForm):
    """One level and one comment per criterion, plus a general note."""

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("agree", "Agree the scores"), ("return", "Return to the assessor with comments")],
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose whether to agree the scores or return them."},
    )
    note = forms.CharField(
        label="General comments", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, rows=(), levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = list(levels)
        self.rows = list(rows)
        choices = [(lv.value, f"{lv.value} – {lv.label}") for lv in self.levels]
        for row in self.rows:
            response = row.response
            number = response.criterion.number
            self.fields[f"level_{response.pk}"] = forms.TypedChoiceField(
                label=f"Moderated level for criterion {number}",
                choices=choices,
                coerce=int,
                required=False,
                initial=response.assessed_level.value if response.assessed_level else None,
                error_messages={"invalid_choice": "Choose a level from the scale."},
            )
            self.fields[f"comment_{response.pk}"] = forms.CharField(
                label=f"Comment on criterion {number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def bound(self, name: str, response):
        return self[f"{name}_{response.pk}"]

    def changes(self) -> dict:
        out = {}
        for row in self.rows:
            value = self.cleaned_data.get(f"level_{row.response.pk}")
            level = level_by_value(self.levels, value)
            if level is not None:
                out[row.response.pk] = (
                    level,
                    self.cleaned_data.get(f"comment_{row.response.pk}", ""),
                )
        return out

    def comments(self) -> dict:
        return {
            row.response.pk: self.cleaned_data.get(f"comment_{row.response.pk}", "")
            for row in self.rows
        }


class ReopenForm(GovukForm):
    reason = forms.CharField(
        label="Why are you reopening this assessment?",
        help_text="This is kept in the assessment's history.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the issued assessment is being reopened."},
    )


class LetterForm(GovukForm):
    """What the letter needs beyond the scores. Blank fields are allowed here:
    the service says, all at once, what is still missing."""

    letter_date = forms.DateField(
        label="Date of the letter",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="Today, or an earlier day after moderation. For example, 27/5/2022.",
        error_messages={
            "required": "Enter the date the letter carries.",
            "invalid": "Enter the date as day/month/year, for example 27/5/2022.",
        },
    )
    contact = forms.ChoiceField(
        label="Address the letter to",
        required=False,
        help_text="Choose one of the council's people, or type the name and job title below.",
    )
    addressee_name = forms.CharField(label="Addressee's name", required=False, max_length=150)
    addressee_job_title = forms.CharField(
        label="Addressee's job title", required=False, max_length=150
    )
    addressee_address = forms.CharField(
        label="Council's postal address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One line per row.",
    )
    cc = forms.CharField(
        label="Copied to (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One person or team per line.",
    )
    salutation = forms.CharField(
        label="Salutation", required=False, max_length=150, help_text="For example, Dear Ms Okafor."
    )
    signatory_name = forms.CharField(label="Signatory's name", required=False, max_length=150)
    signatory_job_title = forms.CharField(
        label="Signatory's job title", required=False, max_length=150
    )
    signatory_region = forms.CharField(
        label="Signatory's region or team (optional)", required=False, max_length=150
    )
    signatory_contact = forms.CharField(
        label="Signatory's contact details",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Email address and telephone number, one per line.",
    )

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts = {c.key: c for c in contacts}
        self.fields["contact"].choices = [("", "Someone else (type below)")] + [
            (c.key, f"{c.name}, {c.job_title or 'no job title'} ({c.organisation})")
            for c in contacts
        ]
        if not contacts:
            del self.fields["contact"]

    def letter_input(self):
        from .services import LetterInput

        data = dict(self.cleaned_data)
        chosen = self.contacts.get(data.pop("contact", "") or "")
        if chosen is not None:
            data["addressee_name"] = chosen.name
            data["addressee_job_title"] = chosen.job_title
        return LetterInput(**data)


class OwnStartForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Council",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Choose your council."},
    )
    framework_version = forms.ModelChoiceField(
        label="Framework",
        queryset=FrameworkVersion.objects.select_related("framework").filter(
            allows_council_self_assessment=True
        ),
        empty_label="Choose a framework",
        error_messages={"required": "Choose the framework to self-assess against."},
    )
    period = forms.CharField(
        label="Period",
        max_length=7,
        help_text="The reporting year, for example 2023/24.",
        error_messages={"required": "Enter the period, for example 2023/24."},
    )
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect(),
    )
    carry_forward = carry_forward_field(
        "From your latest earlier self-assessment or issued assessment. Each carried "
        "narrative and piece of evidence is marked for you to confirm or update; no task "
        "starts completed. Nothing is carried if there is no earlier one."
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["framework_version"].label_from_instance = lambda version: version.title
