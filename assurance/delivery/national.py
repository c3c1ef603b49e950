"""National context: published referral figures shipped as a versioned
reference data file (``data/national-referrals.yaml``), with its source.

A council's own shares by sector are shown beside these; counts never are,
since a council's counts may be small."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class NationalYear:
    period: str
    referrals: int
    shares: dict[str, float]  # sector code -> per cent


@dataclass(frozen=True)
class NationalReference:
    title: str
    version: str
    source: str
    coverage: str
    years: tuple[NationalYear, ...]

    def year(self, period: str) -> NationalYear | None:
        return next((y for y in self.years if y.period == period), None)

    def latest(self, upto: str | None = None) -> NationalYear | None:
        years = [y for y in self.years if upto is None or y.period <= upto]
        return years[-1] if years else None


def parse(doc: dict) -> NationalReference:
    if doc.get("kind") != "national_reference":
        raise ValueError("The file is not a national reference data file.")
    years = []
    for item in doc["years"]:
        referrals = int(item["referrals"])
        if referrals <= 0:
            raise ValueError(f"{item['period']}: referrals must be positive.")
        shares = {k: float(v) for k, v in (item.get("shares") or {}).items()}
        for sector, count in (item.get("counts") or {}).items():
            shares.setdefault(sector, round(100 * int(count) / referrals, 1))
        if sum(shares.values()) > 100:
            raise ValueError(f"{item['period']}: the shares add up to more than 100%.")
        years.append(NationalYear(str(item["period"]), referrals, shares))
    years.sort(key=lambda y: y.period)
    return NationalReference(
        title=doc["title"],
        version=str(doc["version"]),
        source=" ".join(str(doc["source"]).split()),
        coverage=doc.get("coverage", ""),
        years=tuple(years),
    )


@cache
def reference() -> NationalReference:
    """The newest version of the shipped file (files are never edited in place)."""
    docs = [yaml.safe_load(p.read_text()) for p in sorted(DATA.glob("national-*.yaml"))]
    docs = [d for d in docs if d.get("slug") == "prevent-referrals-england-wales"]
    newest = max(docs, key=lambda d: str(d["version"]))
    return parse(newest)
