from django import forms

from assurance.core.submissions import OnceOnlyFormMixin
from assurance.ui.forms import GovukForm, GovukRadioSelect

from . import rules
from .models import Marking

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"]


class _EvidenceDetailsForm(OnceOnlyFormMixin, GovukForm):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the evidence."}
    )
    evidence_date = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        help_text="The date of the document or page, for example 31/3/2022.",
        error_messages={
            "required": "Enter the date of the evidence.",
            "invalid": "Enter the date as day/month/year, for example 31/3/2022.",
        },
    )
    marking = forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=GovukRadioSelect(attrs={"small": True}),
        error_messages={"required": "Choose OFFICIAL or OFFICIAL-SENSITIVE."},
    )


class EvidenceFileForm(_EvidenceDetailsForm):
    file = forms.FileField(
        label="File",
        help_text=f"A {rules.ALLOWED_LABEL}, smaller than 20 MB.",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The selected file is empty. Choose a file that has something in it.",
        },
    )


class EvidenceLinkForm(_EvidenceDetailsForm):
    url = forms.URLField(
        label="Web address",
        assume_scheme="https",
        help_text="For example, https://www.example.gov.uk/prevent-plan",
        error_messages={
            "required": "Enter the web address of the evidence.",
            "invalid": "Enter a web address starting with https://",
        },
    )
