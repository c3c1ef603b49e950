"""The GOV.UK form helpers live in ``assurance.ui.forms`` (imported by core and
accounts alike without an import cycle between them); this module keeps the
older import path working."""

from assurance.ui.forms import (  # noqa: F401
    GovukCheckboxSelectMultiple,
    GovukForm,
    GovukFormMixin,
    GovukModelForm,
    GovukRadioSelect,
    GovukRenderer,
    add_service_errors,
)
