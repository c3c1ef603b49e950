from django import forms

from assurance.ui.forms import GovukCheckboxSelectMultiple, GovukForm, GovukRadioSelect

from . import rules
from .importing import MAX_ROWS
from .models import Marking, Response, SourceKind, Status

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
DATE_HINT = "For example, 31/03/2027"


class UkDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault(
            "error_messages", {"invalid": "Enter a real date, for example 31/03/2027."}
        )
        super().__init__(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}), **kwargs)


class SourceForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Council",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Choose the council the recommendations were made to."},
    )
    kind = forms.ChoiceField(
        label="What made the recommendations?",
        choices=SourceKind.choices,
        widget=GovukRadioSelect,
        error_messages={"required": "Choose what made the recommendations."},
    )
    title = forms.CharField(
        label="Title",
        max_length=250,
        help_text="For example, Prevent scrutiny review 2026",
        error_messages={"required": "Enter the title of the review."},
    )
    made_by = forms.CharField(
        label="Body that made the recommendations",
        max_length=250,
        help_text="For example, Safer Communities Scrutiny Panel",
        error_messages={"required": "Enter the body that made the recommendations."},
    )
    made_on = UkDateField(
        label="Date the recommendations were made",
        error_messages={
            "required": "Enter the date the recommendations were made.",
            "invalid": "Enter a real date, for example 31/03/2027.",
        },
    )
    reference = forms.CharField(label="Reference (optional)", max_length=120, required=False)
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RecommendationForm(GovukForm):
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the recommendation's number.",
            "invalid": "Enter the number as a whole number, such as 3.",
            "min_value": "Enter a number from 1.",
        },
    )
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the text of the recommendation."},
    )
    theme = forms.CharField(label="Theme (optional)", max_length=200, required=False)


class ResponseForm(GovukForm):
    """One line of the whole-source response form."""

    response = forms.ChoiceField(choices=Response.choices)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.CharField(required=False, max_length=250)
    lead_user = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    milestone = UkDateField(required=False)

    def __init__(self, *args, recommendation, people, **kwargs):
        super().__init__(*args, prefix=f"r{recommendation.pk}", **kwargs)
        self.recommendation = recommendation
        n = recommendation.number
        self.fields["response"].label = f"Response to recommendation {n}"
        self.fields["reason"].label = f"Reason for recommendation {n}"
        self.fields["reason"].help_text = "Needed when partially accepted or rejected."
        self.fields["lead"].label = f"Lead for recommendation {n}"
        self.fields[
            "lead"
        ].help_text = "A role or organisation, for example Head of Community Safety."
        self.fields["lead_user"].label = f"Lead person for recommendation {n} (optional)"
        self.fields["lead_user"].choices = [("", "No one named")] + people
        self.fields["milestone"].label = f"Milestone for recommendation {n}"

    def clean(self):
        data = super().clean()
        if rules.reason_required(data.get("response", "")) and not rules.has_reason(
            data.get("reason")
        ):
            label = Response(data["response"]).label.lower()
            self.add_error(
                "reason",
                f"Give a reason why recommendation {self.recommendation.number} is {label}.",
            )
        return data


class ProgressForm(GovukForm):
    entry = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has been done, and what happens next.",
        error_messages={"required": "Describe the progress made."},
    )
    status = forms.ChoiceField(label="Status", choices=Status.choices, widget=GovukRadioSelect)
    completed_on = UkDateField(
        label="Date completed (optional)",
        required=False,
        help_text="Only when completed. Leave blank for today. " + DATE_HINT,
    )

    def clean(self):
        data = super().clean()
        if data.get("completed_on") and data.get("status") != rules.COMPLETED:
            self.add_error(
                "completed_on", "Only give a date completed when the status is Completed."
            )
        return data


class CloseForm(GovukForm):
    closing_statement = forms.CharField(
        label="Closing statement",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, what the scrutiny board agreed and how the work will carry on.",
        error_messages={"required": "Enter a closing statement."},
    )


class ReopenForm(GovukForm):
    reason = forms.CharField(
        label="Why is it being reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the source is being reopened."},
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "A CSV (UTF-8) or Excel workbook (.xlsx) laid out like the template, "
            f"at most {MAX_ROWS} rows."
        ),
        error_messages={
            "required": "Select a CSV or Excel file.",
            "empty": "The selected file is empty.",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class RegisterFilterForm(GovukForm):
    source = forms.TypedChoiceField(label="Source", required=False, coerce=int, empty_value=None)
    status = forms.MultipleChoiceField(
        label="Status", choices=Status.choices, required=False, widget=GovukCheckboxSelectMultiple
    )
    response = forms.MultipleChoiceField(
        label="Response",
        choices=Response.choices,
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    lead = forms.ChoiceField(label="Lead", required=False)
    criterion = forms.TypedChoiceField(
        label="Criterion", required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "All sources"), *choices["sources"]]
        self.fields["lead"].choices = [("", "All leads"), *((x, x) for x in choices["leads"])]
        self.fields["criterion"].choices = [("", "All criteria"), *choices["criteria"]]
