"""The form of one self-assessment task, shared by the annual assessment and
peer reviews. Levels are offered only from the record's own scale (and not
at all on an unscored framework), each with its descriptor as a hint."""

from __future__ import annotations

from django import forms

from assurance.core.forms import GovukForm, GovukRadioSelect

from .rules import TaskStatus


class LevelField(forms.TypedChoiceField):
    """A level from the scale, as its value; anything else is refused."""

    def __init__(self, *, levels, descriptors=None, required=True, label="Level", **kwargs):
        names = ", ".join(str(lv) for lv in levels)
        hints = {str(d.level.value): d.text for d in (descriptors or [])}
        super().__init__(
            label=label,
            coerce=int,
            required=required,
            empty_value=None,
            choices=[(lv.value, lv.with_band) for lv in levels],
            widget=GovukRadioSelect(hints=hints),
            error_messages={
                "required": "Choose a level.",
                "invalid_choice": f"Choose one of: {names}.",
            },
            **kwargs,
        )


def level_by_value(levels, value):
    return next((lv for lv in levels if lv.value == value), None)


class SelfAssessmentForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        label="How the council meets this criterion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Describe what is in place and how you know it works. Refer to your evidence.",
    )
    task_status = forms.ChoiceField(
        label="Have you completed this criterion?",
        choices=[
            (TaskStatus.IN_PROGRESS, "No, I'll come back to it later"),
            (TaskStatus.COMPLETED, "Yes, it's completed"),
        ],
        widget=GovukRadioSelect(),
        error_messages={"required": "Choose whether you have completed this criterion."},
    )

    def __init__(self, *args, levels=(), descriptors=(), is_scored=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = list(levels)
        if is_scored:
            field = LevelField(
                levels=self.levels, descriptors=descriptors, required=False, label="Proposed level"
            )
            field.help_text = "The level whose descriptor best matches the council's position."
            self.fields["self_level"] = field
            self.order_fields(["version", "narrative", "self_level", "task_status"])

    def level(self):
        return level_by_value(self.levels, self.cleaned_data.get("self_level"))
