"""Each oversight view as a table (headers and rows) for CSV and XLSX,
built from the same report object the page shows, through the shared
writers in assurance.documents."""

from __future__ import annotations

from dataclasses import dataclass

from assurance.documents.csvfile import csv_from_rows
from assurance.documents.responses import file_response
from assurance.documents.xlsx import workbook_from_rows
from assurance.organisations.models import OrganisationKind

from . import rules

KINDS = dict(OrganisationKind.choices)


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def respond(table: Table, fmt: str, filename: str):
    if fmt == "csv":
        content = csv_from_rows(headers=table.headers, rows=table.rows)
    else:
        content = workbook_from_rows(title=table.title, headers=table.headers, rows=table.rows)
    return file_response(content, filename=filename, extension=fmt)


def _pct(value: float | None):
    return None if value is None else round(value * 100, 1)


def _kinds(holder) -> str:
    return ", ".join(KINDS.get(k, k) for k in sorted(holder.kinds))


def heatmap_table(report) -> Table:
    headers = ["Council", "Region", "Kind", "Priority area", "Previous period"]
    scored = [(n, c) for n, c in enumerate(report.criteria) if c.scored]
    for _, c in scored:
        headers += [f"{c.number}. {c.title}", f"{c.number} band", f"{c.number} movement"]
    rows = []
    for row in report.rows:
        line = [
            row.holder.name,
            row.holder.region_label,
            _kinds(row.holder),
            "Yes" if row.holder.priority else "No",
            row.previous_period or "",
        ]
        for index, _ in scored:
            cell = row.cells[index]
            line += [cell.value, cell.words, cell.movement_words] if cell else [None, "", ""]
        rows.append(line)
    return Table("Heatmap", headers, rows)


def distributions_table(report) -> Table:
    headers = ["Section", "Framework version", "Period", "Criterion", "Level", "Count", "Share %"]
    version = report.version.title if report.version else ""
    rows = []
    for line in report.criteria:
        for _value, name, band, count in line.counts:
            rows.append(
                [
                    "Councils at each level",
                    version,
                    report.period,
                    line.criterion.heading,
                    f"{name} ({rules.band_words(band)})",
                    count,
                    None,
                ]
            )
        rows.append(
            [
                "Share meeting the duty",
                version,
                report.period,
                line.criterion.heading,
                "",
                line.total,
                _pct(line.share),
            ]
        )
    rows.append(
        [
            "Share meeting the duty",
            version,
            report.period,
            "All criteria",
            "",
            report.councils,
            _pct(report.overall),
        ]
    )
    for point in report.trend:
        rows.append(
            [
                "Trend",
                point.version.title,
                point.period,
                "All criteria",
                "",
                point.councils,
                _pct(point.share),
            ]
        )
    return Table("Distributions", headers, rows)


def consistency_table(report, assessor_names: bool = True) -> Table:
    headers = [
        "Section",
        "Name",
        "Assessments",
        "Levels",
        "Difference (levels)",
        "Standard error",
        "Flag",
        "Self-assessed minus assessed",
        "Moderated minus assessed",
        "Changed by moderation %",
    ]
    rows = []
    for row in report.assessors:
        effect = row.effect
        rows.append(
            [
                "Assessor",
                row.name,
                effect.assessments if effect else None,
                effect.levels if effect else None,
                round(effect.difference, 3) if effect else None,
                round(effect.standard_error, 3) if effect else None,
                effect.direction if effect else "not estimated",
                _round(row.gap.self_minus_assessed),
                _round(row.gap.moderated_minus_assessed),
                _pct(row.gap.change_rate),
            ]
        )
    for council in report.councils:
        gap = council.gap
        rows.append(
            [
                "Council",
                council.holder.name,
                None,
                gap.moderated,
                None,
                None,
                "",
                _round(gap.self_minus_assessed),
                _round(gap.moderated_minus_assessed),
                _pct(gap.change_rate),
            ]
        )
    return Table("Consistency", headers, rows)


def _round(value: float | None):
    return None if value is None else round(value, 3)


def register_table(report, stale) -> Table:
    headers = ["Section", "Name", "Total", "Open", "Overdue", "Completed", "Median days", "Made on"]
    rows = []
    for section, items in (("Region", report.by_region), ("Criterion", report.by_criterion)):
        for c in items:
            rows.append(
                [section, c.label, c.total, c.open, c.overdue, c.completed, c.median_days, None]
            )
    o = report.overall
    rows.append(["All", "All", o.total, o.open, o.overdue, o.completed, o.median_days, None])
    for source in stale:
        rows.append(
            [
                "Open past a year",
                f"{source.title} – {source.organisation}",
                None,
                None,
                None,
                None,
                None,
                source.made_on,
            ]
        )
    return Table("Recommendations", headers, rows)


def overview_table(organisation, periods) -> Table:
    headers = [
        "Period",
        "Framework version",
        "Criterion",
        "Level",
        "Band",
        "Movement",
        "Region share meeting %",
        "Nation share meeting %",
    ]
    rows = []
    for period in periods:
        for line in period.lines:
            cell = line.cell
            rows.append(
                [
                    period.issued.period,
                    period.issued.version.title,
                    line.criterion.heading,
                    cell.value if cell else None,
                    cell.words if cell else "",
                    cell.movement_words if cell else "",
                    _pct(line.region_share),
                    _pct(line.nation_share),
                ]
            )
    return Table(f"Overview {organisation.name}"[:31], headers, rows)
