from django import forms

from assurance.ui.forms import GovukForm


class OrganisationEmailForm(GovukForm):
    email = forms.EmailField(
        label="Work email address",
        help_text="We use it to find your organisation's sign-in service.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@council.gov.uk",
        },
    )
