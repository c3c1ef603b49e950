"""GOV.UK Design System markup for Django forms.

Every form in the product inherits GovukForm or GovukModelForm, so that
labels, hints, error messages and the error summary follow the design
system without each template repeating the markup."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDict

from .text import clean_text

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else at the top,
    so the error summary shows it and the person's input stays in place."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_service(
    request,
    form: forms.BaseForm,
    service: Callable[[dict], Any],
    *,
    success: str | Callable[[Any], str] | None,
    then: Any,
    reraise: tuple[type[Exception], ...] = (),
) -> HttpResponse | None:
    """A form's one write: the idiom every form view shares.

    If the form is valid, call ``service(form.cleaned_data)``. A refusal
    (ValidationError) goes on the form and None comes back, so the view renders
    the form again with the person's input; exceptions in ``reraise`` (an
    optimistic-concurrency conflict) reach the caller instead. Otherwise the
    ``success`` message is flashed and the redirect to ``then`` returned.
    ``success`` and ``then`` may be functions of the service's result; ``then``
    is what ``redirect`` takes, or a tuple of its arguments."""
    if not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except reraise:
        raise
    except ValidationError as error:
        add_service_errors(form, error)
        # A stale-save refusal moves the form's concurrency mark on, so that
        # saving again, having compared, is a deliberate overwrite.
        rebind = getattr(error, "rebind", None)
        if rebind is not None:
            rebind(form)
        return None
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    target = then(result) if callable(then) else then
    return redirect(*target) if isinstance(target, tuple) else redirect(target)


def rebind_after_conflict(request, bind: Callable[[Any], Any], error) -> tuple[Any, Any]:
    """After an optimistic-concurrency refusal (an error carrying ``current``,
    the record as saved by the other person): the person's own text stays in
    the form, and the hidden version moves on to the one they have now been
    shown, so that saving again is a deliberate choice. Returns (form, current)."""
    current = error.current
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = bind(data)
    form.is_valid()
    form.add_error(None, error)
    return form, current


class GovukRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _css_class(widget: forms.Widget) -> str:
    for widget_type, css in _WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            return css
    return "govuk-input"


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, CHOICE_WIDGETS):
            attrs.pop("aria-describedby", None)  # the fieldset carries it
            return attrs
        describedby = []
        if self.help_text:
            describedby.append(f"{self.auto_id}-hint")
        if self.errors:
            describedby.append(f"{self.auto_id}-error")
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        else:
            attrs.pop("aria-describedby", None)
        css = _css_class(widget)
        classes = [attrs.get("class", ""), css]
        if self.errors and css in _ERROR_CLASSES:
            classes.append(_ERROR_CLASSES[css])
        attrs["class"] = " ".join(c for c in classes if c)
        return attrs

    @property
    def is_choice_group(self) -> bool:
        return isinstance(self.field.widget, CHOICE_WIDGETS)

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def error_anchor(self) -> str:
        """Where the error summary links: the first option of a choice group."""
        return f"{self.auto_id}_0" if self.is_choice_group else self.auto_id


def cleaned_form_data(data, *, keep: frozenset[str] = frozenset()):
    """The submitted values without the characters the service never keeps
    (``ui.text``), before any field sees them: so a length limit counts
    what will be stored, and nothing a person typed can break a document."""
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(clean_text(key), [v if key in keep else clean_text(v) for v in values])
        cleaned._mutable = False
        return cleaned
    if isinstance(data, MultiValueDict):
        return MultiValueDict(
            {
                clean_text(k): [
                    v if k in keep or not isinstance(v, str) else clean_text(v) for v in vs
                ]
                for k, vs in data.lists()
            }
        )
    return {
        clean_text(k) if isinstance(k, str) else k: (
            clean_text(v) if isinstance(v, str) and k not in keep else v
        )
        for k, v in data.items()
    }


class GovukFormMixin:
    """Every form in the product: GOV.UK markup, and the one place where text
    from people is cleaned of control characters and noncharacters."""

    bound_field_class = GovukBoundField
    template_name_div = "core/forms/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data:
            passwords = frozenset(
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.PasswordInput)
            )
            self.data = cleaned_form_data(self.data, keep=passwords)


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class GovukRadioSelect(forms.RadioSelect):
    """Radios with an optional hint under each option (e.g. a level's descriptor)."""

    template_name = "core/forms/widgets/radios.html"

    def __init__(self, attrs=None, choices=(), hints: dict | None = None):
        super().__init__(attrs, choices)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = value.value if hasattr(value, "value") else value
        option["hint"] = self.hints.get(key) or self.hints.get(str(key), "")
        return option


class GovukCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "core/forms/widgets/checkboxes.html"
