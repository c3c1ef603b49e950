from django import forms

from assurance.core.submissions import OnceOnlyFormMixin
from assurance.evidence.rules import ALLOWED_LABEL
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


class SourceForm(OnceOnlyFormMixin, GovukForm):
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


class RecommendationForm(OnceOnlyFormMixin, GovukForm):
    number = forms.CharField(
        label="Number",
        max_length=20,
        help_text="For example, 3, 2a or 1.1",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the recommendation's number."},
    )
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the text of the recommendation."},
    )
    theme = forms.CharField(label="Theme (optional)", max_length=200, required=False)

    def clean_number(self) -> str:
        number = rules.clean_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError("Enter the number as it is written, such as 3, 2a or 1.1.")
        return number


class ResponseForm(GovukForm):
    """One line of the whole-source response form."""

    response = forms.ChoiceField(choices=Response.choices)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.CharField(required=False, max_length=250)
    lead_user = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    milestone = UkDateField(required=False)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

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

    def clean_seen(self):
        """The recommendation's version when the form was drawn."""
        try:
            return int(self.cleaned_data.get("seen") or "")
        except ValueError:
            return None

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


class VersionedForm(GovukForm):
    """Carries the version of the recommendation the form was drawn from, so
    that a save made meanwhile by someone else is caught, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OneResponseForm(VersionedForm):
    """The response to one recommendation, on its own page."""

    response = forms.ChoiceField(
        label="Response", choices=Response.choices, widget=GovukRadioSelect
    )
    reason = forms.CharField(
        label="Reason (needed when partially accepted or rejected)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead = forms.CharField(
        label="Lead",
        required=False,
        max_length=250,
        help_text="A role or organisation, for example Head of Community Safety.",
    )
    lead_user = forms.TypedChoiceField(
        label="Lead person (optional)", required=False, coerce=int, empty_value=None
    )
    milestone = UkDateField(label="Milestone", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, prefix="respond", **kwargs)
        self.fields["lead_user"].choices = [("", "No one named")] + people

    def clean(self):
        data = super().clean()
        if rules.reason_required(data.get("response", "")) and not rules.has_reason(
            data.get("reason")
        ):
            label = Response(data["response"]).label.lower()
            self.add_error("reason", f"Give a reason why the recommendation is {label}.")
        return data


class AddressForm(VersionedForm):
    statement = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was done to address the recommendation."},
    )
    evidence_title = forms.CharField(label="Title of the evidence", required=False, max_length=200)
    evidence_url = forms.URLField(
        label="Web address of the evidence (optional)",
        required=False,
        assume_scheme="https",
        help_text="For example, https://www.example.gov.uk/prevent-plan",
        error_messages={"invalid": "Enter a web address starting with https://"},
    )
    evidence_upload = forms.FileField(
        label="Or upload a file (optional)",
        required=False,
        help_text=f"A {ALLOWED_LABEL}, smaller than 20 MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="address", **kwargs)


class VerifyForm(GovukForm):
    decision = forms.ChoiceField(
        label="Has the recommendation been addressed?",
        choices=[("verify", "Yes, verify it"), ("send_back", "No, send it back")],
        widget=GovukRadioSelect,
        error_messages={"required": "Choose whether to verify or send back."},
    )
    note = forms.CharField(
        label="Reason or note",
        required=False,
        help_text="Needed when sending it back.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="verify", **kwargs)


class ReopenItemForm(GovukForm):
    reason = forms.CharField(
        label="Why is the verified recommendation being reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the recommendation is being reopened."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reopen", **kwargs)


class ExtensionForm(VersionedForm):
    requested_date = UkDateField(
        label="New target date",
        error_messages={
            "required": "Enter the new target date.",
            "invalid": "Enter a real date, for example 31/03/2027.",
        },
    )
    reason = forms.CharField(
        label="Why is more time needed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why more time is needed."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="extension", **kwargs)


class ExtensionDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("grant", "Grant the new date"), ("refuse", "Refuse")],
        widget=GovukRadioSelect,
        error_messages={"required": "Choose whether to grant or refuse."},
    )
    note = forms.CharField(
        label="Reason or note",
        required=False,
        help_text="Needed when refusing.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="decide", **kwargs)


class ProgressForm(OnceOnlyFormMixin, VersionedForm):
    entry = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has been done, and what happens next.",
        error_messages={"required": "Describe the progress made."},
    )
    status = forms.ChoiceField(label="Status", choices=Status.choices, widget=GovukRadioSelect)
    worked_on = UkDateField(
        label="Date of the work (optional)",
        required=False,
        help_text="When the work happened. Leave blank for today. " + DATE_HINT,
    )
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


class VerifierForm(GovukForm):
    verifier = forms.ModelChoiceField(
        label="Named verifier",
        queryset=None,
        required=False,
        empty_label="No one: only the council's Prevent leads verify",
        help_text="One of the council's own people. They may verify addressed "
        "recommendations of this source and decide its extensions, as the council's leads can.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verifier"].queryset = people
        self.fields["verifier"].label_from_instance = lambda user: user.full_name


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
    # A search, not a list of every source: the list would grow with the nation.
    source_q = forms.CharField(
        label="Source",
        help_text="Part of its title or its council’s name",
        required=False,
        max_length=100,
    )
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)
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
        self.fields["lead"].choices = [("", "All leads"), *((x, x) for x in choices["leads"])]
        self.fields["criterion"].choices = [("", "All criteria"), *choices["criteria"]]


class NationalSourceForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=250,
        help_text="For example, National learning review of Prevent referrals 2026",
        error_messages={"required": "Enter the title of the national review or report."},
    )
    made_by = forms.CharField(
        label="Body that made the recommendations",
        max_length=250,
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
    recommendations = forms.CharField(
        label="Recommendations",
        help_text="One a line, numbered in order. To give a theme, start the line with "
        "the theme and a colon, for example “Training: Refresh the training offer.”",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter at least one recommendation."},
    )
    nation = forms.ChoiceField(label="Nation", required=False)
    region = forms.ModelChoiceField(
        label="Region", queryset=None, required=False, empty_label="Every region"
    )
    council_kind = forms.ChoiceField(label="Kind of council", required=False)
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect,
    )

    def __init__(self, *args, regions, nations, council_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["nation"].choices = [("", "Every nation"), *nations]
        self.fields["council_kind"].choices = [("", "Every kind"), *council_kinds]

    def clean_recommendations(self) -> list[tuple[int, str, str]]:
        lines = [line.strip() for line in self.cleaned_data["recommendations"].splitlines()]
        items = []
        for number, line in enumerate((x for x in lines if x), start=1):
            theme, _, text = line.partition(":") if ":" in line[:60] else ("", "", line)
            items.append((number, (text or theme).strip(), theme.strip() if text else ""))
        if not items:
            raise forms.ValidationError("Enter at least one recommendation.")
        return items


class ScrutinyPackForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Council",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Choose the council."},
    )
    period = forms.CharField(
        label="Period",
        max_length=7,
        help_text="The reporting year, for example 2025/26.",
        error_messages={"required": "Enter the period, for example 2025/26."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.exclude(kind="assessing_body")

    def clean_period(self) -> str:
        from .scrutiny import period_bounds

        period = self.cleaned_data["period"].strip()
        if period_bounds(period) is None:
            raise forms.ValidationError("Enter the period as a reporting year, such as 2025/26.")
        return period


class LinkForm(GovukForm):
    answered_by = forms.TypedChoiceField(
        label="Answered by another recommendation",
        help_text="When the same recommendation reached the council from another source, "
        "link it here: progress recorded on that one answers this one too.",
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, prefix="link", **kwargs)
        self.fields["answered_by"].choices = [("", "Not linked"), *choices]
