from django import forms

from assurance.ui.forms import GovukForm


class FrameworkFileForm(GovukForm):
    file = forms.FileField(
        label="Framework or crosswalk file",
        help_text="A YAML file (.yaml or .yml) written to the framework file format.",
        error_messages={"required": "Choose a framework or crosswalk file to upload"},
    )
