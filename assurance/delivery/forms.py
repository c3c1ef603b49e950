"""Forms for delivery records, built from the models' fields so that labels
and hints are written once. Forms only parse input: services validate and save."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.text import capfirst

from assurance.core.concurrency import FIELD, mark_field
from assurance.ui.forms import GovukCheckboxSelectMultiple, GovukForm, GovukRadioSelect

from . import selectors
from .importing import MAX_BYTES
from .kinds import KINDS
from .models import AgencySector

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class UkDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", "For example, 31/03/2027")
        widget = forms.TextInput(attrs={"class": "govuk-input--width-10"})
        super().__init__(widget=widget, **kwargs)


FIELDS: dict[str, list[str]] = {
    "plans": ["title", "version_label", "approved_on", "board", "review_cadence_months"],
    "actions": ["plan", "reference", "title", "owner", "start_on", "due_on", "status", "risks"],
    "risks": ["title", "source", "rating", "last_reviewed_on"],
    "bodies": ["name", "kind", "chair_role", "member_agencies", "cadence_months"],
    "meetings": ["body", "meeting_on", "status", "sectors_attending", "plan_reviewed", "note"],
    "channel": [
        "body",
        "chair_role",
        "chair_trained",
        "deputy_role",
        "deputy_trained",
        "terms_document",
        "terms_reviewed_on",
        "statement_submitted_on",
    ],
    "channel-quarters": [
        "panel",
        "period",
        "quarter",
        "discussed",
        "adopted",
        "closed",
        "reviewed_6_months",
        "reviewed_12_months",
    ],
    "referrals": ["period", "quarter", "sector", "count"],
    "training": ["name", "mode", "mandated", "cohort_size", "trained", "as_at"],
    "policies": ["kind", "title", "owner", "document", "last_reviewed_on", "next_review_on"],
    "engagement": [
        "title",
        "kind",
        "held_on",
        "audience_type",
        "attendance",
        "feedback_responses",
        "feedback_positive_percent",
    ],
}
HINTS = {
    "owner": (
        "A role or an organisation, for example Head of Community Safety. Never a person's name."
    ),
    "period": "The reporting year, for example 2024/25.",
    "count": "A count only. Nothing that could identify a person.",
    "member_agencies": "The agencies that sit on it, one per line.",
    "note": "About the meeting, not about any person discussed.",
}
_SCOPED = {
    "board": selectors.body_choices,
    "body": selectors.body_choices,
    "plan": selectors.plan_choices,
    "risks": selectors.risk_choices,
    "panel": selectors.panel_choices,
}


def _label(field: models.Field) -> str:
    return capfirst(str(field.verbose_name))


def _form_field(field: models.Field, organisation_id: int) -> forms.Field:
    label = _label(field)
    required = not (field.null or field.blank)
    help_text = HINTS.get(field.name, str(field.help_text or ""))
    if field.name in _SCOPED:
        queryset = _SCOPED[field.name](organisation_id)
        if field.many_to_many:
            return forms.ModelMultipleChoiceField(
                queryset=queryset, required=False, label=label, widget=GovukCheckboxSelectMultiple
            )
        return forms.ModelChoiceField(
            queryset=queryset,
            required=required,
            label=label,
            empty_label="Not chosen" if not required else None,
            error_messages={"required": f"Choose the {label.lower()}."},
        )
    if field.name == "sectors_attending":
        return forms.MultipleChoiceField(
            choices=AgencySector.choices,
            required=False,
            label="Agencies attending, by sector",
            widget=GovukCheckboxSelectMultiple,
        )
    if isinstance(field, models.DateField):
        return UkDateField(
            label=label,
            required=required,
            error_messages={
                "required": f"Enter the {label.lower()}.",
                "invalid": "Enter a real date, for example 31/03/2027.",
            },
        )
    if isinstance(field, models.BooleanField):
        return forms.BooleanField(label=label, required=False)
    if field.choices:
        coerce = int if isinstance(field, models.IntegerField) else str
        return forms.TypedChoiceField(
            label=label,
            choices=field.choices,
            coerce=coerce,
            widget=GovukRadioSelect if len(field.choices) <= 4 else forms.Select,
            error_messages={"required": f"Choose the {label.lower()}."},
        )
    if isinstance(field, models.IntegerField):
        return forms.IntegerField(
            label=label,
            required=required,
            help_text=help_text,
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
            error_messages={
                "required": f"Enter {label.lower()} as a whole number.",
                "invalid": f"{label} must be a whole number, such as 12, not a fraction.",
            },
        )
    widget = forms.Textarea(attrs={"rows": 3}) if isinstance(field, models.TextField) else None
    return forms.CharField(
        label=label,
        required=required,
        max_length=getattr(field, "max_length", None),
        help_text=help_text,
        widget=widget,
        error_messages={"required": f"Enter the {label.lower()}."},
    )


class RecordForm(GovukForm):
    def __init__(self, slug: str, organisation_id: int, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        kind = KINDS[slug]
        if editing:
            # The record's history mark when the form was drawn (optimistic concurrency).
            self.fields[FIELD] = mark_field()
        for name in FIELDS[slug]:
            self.fields[name] = _form_field(kind.model._meta.get_field(name), organisation_id)
        if any(f.name == "marking" for f in kind.model._meta.fields) and not kind.parent:
            field = kind.model._meta.get_field("marking")
            self.fields["marking"] = forms.ChoiceField(
                label="Marking",
                choices=field.choices,
                initial=field.default,
                widget=GovukRadioSelect,
            )
        if kind.has_criteria:
            self.fields["criteria"] = forms.ModelMultipleChoiceField(
                queryset=selectors.criterion_choices(organisation_id),
                required=False,
                label="Criteria this is evidence for (optional)",
                widget=GovukCheckboxSelectMultiple,
            )
            self.fields["criteria"].label_from_instance = lambda c: (
                f"{c.framework_version.version}: {c.number}. {c.title}"
            )


def initial_for(record, slug: str) -> dict:
    initial = {}
    for name in FIELDS[slug]:
        value = getattr(record, name)
        if hasattr(value, "all"):
            value = list(value.all())
        initial[name] = value
    if hasattr(record, "criteria") and KINDS[slug].has_criteria:
        initial["criteria"] = list(record.criteria.all())
    if "marking" in {f.name for f in record._meta.fields}:
        initial["marking"] = record.marking
    return initial


class UpdateForm(GovukForm):
    recorded_on = UkDateField(
        label="Date of the update",
        error_messages={
            "required": "Enter the date of the update.",
            "invalid": "Enter a real date, for example 31/03/2027.",
        },
    )
    note = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the progress made."},
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file or an Excel workbook (.xlsx), laid out like the template.",
        error_messages={"required": "Select a CSV or Excel file to import."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB.")
        return upload


class PeriodForm(GovukForm):
    period = forms.CharField(label="Reporting year", required=False, max_length=7)
