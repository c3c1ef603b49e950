"""Pure rules about rating scales, used by the loader and by the apps that
score against frameworks. No database: levels are any objects (or dicts)
with ``value`` and ``band``; a version is anything with ``meets_duty_from``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from .models import Band

# Lowest to highest: a higher level never has a lower band.
BAND_ORDER = {Band.NOT_MET: 0, Band.PARTIALLY_MET: 1, Band.MET: 2, Band.EXCEEDED: 3}
MEETING_BANDS = frozenset({Band.MET, Band.EXCEEDED})


def level_name(value: int, label: str) -> str:
    """How a level is written everywhere: its label, exactly as the framework
    names it ("3" on a numeric scale, "Met" or "Green" on a named one). The
    stored value only orders the levels; it is never shown in place of a name."""
    return label or str(value)


def is_numeric_label(label: str) -> bool:
    return label.strip().isdigit()


def level_with_band(label: str, band_label: str) -> str:
    """A level with what it means for the duty, where the label does not say
    it already: "4 (exceeded)" on a numeric scale, "Amber (partially met)",
    but just "Met" or "Exceeding"."""
    if not band_label or says_band(label, band_label):
        return label
    return f"{label} ({band_label.lower()})"


def says_band(label: str, band_label: str) -> bool:
    """Whether a level's own name already says its band ("Exceeding" says
    "Exceeded"; "3" and "Amber" do not)."""
    return label.strip().lower()[:4] == band_label.strip().lower()[:4]


def band_column_needed(levels: Iterable[Any]) -> bool:
    """A table needs a separate band column unless every level's name says its band."""
    from .models import Band

    return not all(
        says_band(_get(level, "label"), Band(_get(level, "band")).label) for level in levels
    )


def _get(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


def level_for(levels: Iterable[Any], value: int | None) -> Any | None:
    """The level with this value, or None (no score, or not on the scale)."""
    if value is None:
        return None
    return next((level for level in levels if _get(level, "value") == value), None)


def band_for(levels: Iterable[Any], value: int | None) -> str | None:
    """The band (not_met, partially_met, met, exceeded) of a score, or None."""
    level = level_for(levels, value)
    return None if level is None else _get(level, "band")


def threshold_of(version_or_threshold: Any) -> int | None:
    if version_or_threshold is None or isinstance(version_or_threshold, int):
        return version_or_threshold
    return _get(version_or_threshold, "meets_duty_from")


def meets_duty(version_or_threshold: Any, value: int | None) -> bool | None:
    """True if a score meets the duty, False if not, None when there is
    nothing to judge (no score yet, or an unscored framework)."""
    threshold = threshold_of(version_or_threshold)
    if threshold is None or value is None:
        return None
    return value >= threshold


def band_meets_duty(band: str | None) -> bool | None:
    return None if band is None else band in MEETING_BANDS


def share_meeting_duty(version_or_threshold: Any, values: Iterable[int | None]) -> float | None:
    """Share (0 to 1) of the given scores that meet the duty, ignoring blanks."""
    judged = [meets_duty(version_or_threshold, v) for v in values]
    judged = [j for j in judged if j is not None]
    return sum(judged) / len(judged) if judged else None


def version_status(effective_from: date | None, effective_to: date | None, today: date) -> str:
    """How a version stands on a given day, as shown in the framework library."""
    if effective_from and today < effective_from:
        return "Not yet in force"
    if effective_to and today > effective_to:
        return "Superseded"
    return "In force"


def tag_class(colour: str) -> str:
    """The GOV.UK tag modifier for a level's colour (blue is the plain tag)."""
    return "" if not colour or colour == "blue" else f"govuk-tag--{colour}"
