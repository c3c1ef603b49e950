"""Pure rules of oversight: bands, movement between periods, counts and
shares, medians. No database: tested alone.

Bands (not met, partly met, met, exceeded) are what make levels comparable
across scales, so movement is always judged by band, never by level value."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from assurance.frameworks.rules import BAND_ORDER, MEETING_BANDS

# Fewer councils than this in a comparison group and its shares are not shown
# to council users: with two or three councils a share would give away a
# neighbour's result.
MIN_GROUP_FOR_SHARES = 5
YEAR = timedelta(days=365)

BAND_WORDS = {
    "not_met": "Not met",
    "partially_met": "Partly met",
    "met": "Met",
    "exceeded": "Exceeded",
}
# Tag classes: the app-band-- colours have 7:1 contrast; partly met uses GOV.UK's yellow tag.
BAND_CLASSES = {
    "not_met": "app-band--not-met",
    "partially_met": "govuk-tag--yellow",
    "met": "app-band--met",
    "exceeded": "app-band--exceeded",
}
# Fills for charts, from the GOV.UK colour palette.
BAND_FILLS = {
    "not_met": "#d4351c",
    "partially_met": "#ffdd00",
    "met": "#00703c",
    "exceeded": "#1d70b8",
}


def band_rank(band: str | None) -> int | None:
    return None if band is None else BAND_ORDER.get(band)


def band_words(band: str | None) -> str:
    return BAND_WORDS.get(band or "", "No level")


def band_class(band: str | None) -> str:
    return BAND_CLASSES.get(band or "", "govuk-tag--grey")


def meets(band: str | None) -> bool | None:
    return None if band is None else band in MEETING_BANDS


# --- Movement since the previous period ----------------------------------------

UP, DOWN, SAME, FIRST, MIXED, NO_LINK = "up", "down", "same", "first", "mixed", "no_link"
NONE = "none"
MOVEMENT_WORDS = {
    NONE: "",
    UP: "Up",
    DOWN: "Down",
    SAME: "No change",
    FIRST: "No earlier level",
    MIXED: "Not comparable",
    NO_LINK: "Not comparable",
}
MOVEMENT_SYMBOLS = {NONE: "", UP: "▲", DOWN: "▼", SAME: "=", FIRST: "", MIXED: "~", NO_LINK: "~"}


def movement(previous_bands: Sequence[str | None] | None, current: str | None) -> str:
    """How a criterion's band moved since the previous issued assessment.

    ``previous_bands`` holds the band of every earlier criterion that maps onto
    this one: one for the same framework version or an equivalent criterion,
    several where the crosswalk merged criteria; None when no earlier
    assessment exists, and an empty list when one exists but no criterion of it
    maps here. Where merged criteria had different bands the move is up only if
    the new band is above all of them, down only if below all of them."""
    if current is None:
        return NONE
    if previous_bands is None:
        return FIRST
    ranks = [band_rank(b) for b in previous_bands if b is not None]
    if not ranks:
        return NO_LINK
    now = band_rank(current)
    if now > max(ranks):
        return UP
    if now < min(ranks):
        return DOWN
    if min(ranks) == max(ranks) == now:
        return SAME
    return MIXED


# --- Counts and shares ---------------------------------------------------------


def level_counts(values: Iterable[int | None]) -> dict[int, int]:
    return dict(Counter(v for v in values if v is not None))


def share(judged: Iterable[bool | None]) -> float | None:
    """Share (0 to 1) of True among the judged values, ignoring None."""
    known = [j for j in judged if j is not None]
    return sum(known) / len(known) if known else None


def shown_share(judged: Sequence[bool | None], *, minimum: int = MIN_GROUP_FOR_SHARES):
    """A share for a comparison group, or None when the group is too small to show."""
    known = [j for j in judged if j is not None]
    return share(known) if len(known) >= minimum else None


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def median_from_histogram(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many}."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(histogram.items())
    lower_index, upper_index = (total - 1) // 2, total // 2
    lower = upper = None
    seen = 0
    for value, count in ordered:
        if lower is None and lower_index < seen + count:
            lower = value
        if upper_index < seen + count:
            upper = value
            break
        seen += count
    return (lower + upper) / 2


def open_past_a_year(made_on: date, today: date) -> bool:
    return made_on < today - YEAR


def past_a_year_cutoff(today: date) -> date:
    return today - YEAR


# --- Gaps between self-assessed, assessed and moderated levels -------------------


@dataclass(frozen=True)
class Gap:
    count: int  # criteria with both self-assessed and assessed levels
    self_minus_assessed: float | None  # mean, in levels
    moderated: int  # criteria with an assessed level
    changed: int  # of which moderation changed the level
    moderated_minus_assessed: float | None  # mean over the changed ones and the rest

    @property
    def change_rate(self) -> float | None:
        return self.changed / self.moderated if self.moderated else None


def gap(triples: Iterable[tuple[int | None, int | None, int | None]]) -> Gap:
    """(self-assessed, assessed, moderated) level values → the gaps between them."""
    self_diffs, mod_diffs, changed = [], [], 0
    for self_level, assessed, moderated in triples:
        if assessed is None:
            continue
        if self_level is not None:
            self_diffs.append(self_level - assessed)
        final = assessed if moderated is None else moderated
        mod_diffs.append(final - assessed)
        changed += final != assessed
    return Gap(
        count=len(self_diffs),
        self_minus_assessed=sum(self_diffs) / len(self_diffs) if self_diffs else None,
        moderated=len(mod_diffs),
        changed=changed,
        moderated_minus_assessed=sum(mod_diffs) / len(mod_diffs) if mod_diffs else None,
    )
