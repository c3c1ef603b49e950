"""The filters every oversight view shares, with choices drawn only from what
the user may see (an adviser's region list holds their own region)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from assurance.core.forms import GovukForm
from assurance.organisations.models import Nation, OrganisationKind

PRIORITY_CHOICES = [("", "All councils"), ("yes", "Priority areas"), ("no", "Not priority areas")]


@dataclass(frozen=True)
class Filters:
    version: int | None = None
    period: str | None = None
    region: int | None = None
    nation: str | None = None
    kind: str | None = None
    priority: bool | None = None

    def matches(self, holder) -> bool:
        return (
            (self.region is None or self.region in holder.region_ids)
            and (self.nation is None or self.nation in holder.nations)
            and (self.kind is None or self.kind in holder.kinds)
            and (self.priority is None or holder.priority == self.priority)
        )

    def key(self) -> tuple:
        return (self.version, self.period, self.region, self.nation, self.kind, self.priority)


@dataclass(frozen=True)
class Choices:
    versions: list[tuple[int, str]]
    periods: dict[int, list[str]]  # version → its periods
    regions: list[tuple[int, str]]
    nations: list[str]
    kinds: list[str]


def _default_values(choices: Choices, all_periods: bool) -> dict[str, str]:
    if not choices.versions:
        return {}
    latest = choices.versions[-1][0]
    values = {"version": str(latest)}
    periods = choices.periods.get(latest, [])
    if periods and not all_periods:
        values["period"] = periods[-1]
    return values


class FilterForm(GovukForm):
    """GET form. Invalid values are reported and the defaults used instead."""

    version = forms.TypedChoiceField(label="Framework version", coerce=int, required=False)
    period = forms.ChoiceField(label="Period", required=False)
    region = forms.TypedChoiceField(label="Region", coerce=int, required=False, empty_value=None)
    nation = forms.ChoiceField(label="Nation", required=False)
    kind = forms.ChoiceField(label="Kind of council", required=False)
    priority = forms.ChoiceField(label="Priority area", choices=PRIORITY_CHOICES, required=False)

    def __init__(self, data, *, choices: Choices, all_periods: bool = False, **kwargs):
        # The form shows the filters in effect: with no version asked for, the
        # latest version (and its latest period), which is what the page shows.
        # Otherwise a select would show its first option, and applying another
        # filter would send a version and period that do not go together.
        defaults = _default_values(choices, all_periods)
        if data is not None and not data.get("version") and defaults:
            data = data.copy()
            for name, value in defaults.items():
                if not data.get(name):
                    data[name] = value
        super().__init__(data, **kwargs)
        if data is None:
            self.initial.update(defaults)
        self.choices = choices
        self.fields["version"].choices = [(pk, title) for pk, title in choices.versions]
        periods = sorted({p for ps in choices.periods.values() for p in ps}, reverse=True)
        self.fields["period"].choices = [("", "All periods")] * all_periods + [
            (p, p) for p in periods
        ]
        self.fields["region"].choices = [("", "All regions"), *choices.regions]
        nation_names = dict(Nation.choices)
        self.fields["nation"].choices = [("", "All nations")] + [
            (n, nation_names.get(n, n)) for n in choices.nations
        ]
        kind_names = dict(OrganisationKind.choices)
        self.fields["kind"].choices = [("", "All kinds")] + [
            (k, kind_names.get(k, k)) for k in choices.kinds
        ]
        self.all_periods = all_periods

    def clean(self):
        data = super().clean()
        version, period = data.get("version"), data.get("period")
        if version and period and period not in self.choices.periods.get(version, []):
            self.add_error(
                "period", "There are no issued assessments for that period in that version."
            )
        return data

    def filters(self) -> Filters:
        """The chosen filters, falling back to the latest version and period."""
        data = self.cleaned_data if self.is_valid() else {}
        versions = [pk for pk, _ in self.choices.versions]
        version = data.get("version") or (versions[-1] if versions else None)
        periods = self.choices.periods.get(version, [])
        period = data.get("period") or None
        if period not in periods:
            period = None if self.all_periods else (periods[-1] if periods else None)
        priority = {"yes": True, "no": False}.get(data.get("priority") or "")
        return Filters(
            version=version,
            period=period,
            region=data.get("region"),
            nation=data.get("nation") or None,
            kind=data.get("kind") or None,
            priority=priority,
        )
